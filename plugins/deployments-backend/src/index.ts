/**
 * Flightdeck's deployments backend.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
