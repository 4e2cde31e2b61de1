/**
 * Shared by Flightdeck's deployments frontend, backend and report CLI.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './eventSchema';
export * from './permissions';
export * from './dora';
