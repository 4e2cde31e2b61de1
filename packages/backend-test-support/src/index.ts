/**
 * Test helpers shared by Flightdeck's backend packages.
 *
 * @packageDocumentation
 */
export { testDatabaseIds } from './testDatabaseIds';
