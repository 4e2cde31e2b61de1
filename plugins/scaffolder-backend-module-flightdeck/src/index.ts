/**
 * Flightdeck's scaffolder actions: the organisation's shared configs, the
 * local git host, and releases.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFlightdeck as default } from './module';
export { localGitUrlReaderFactory } from './urlReader/localGitUrlReaderFactory';
