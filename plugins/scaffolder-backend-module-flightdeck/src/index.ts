/**
 * Flightdeck's scaffolder actions: the organisation's shared configs, the
 * local git host, catalog entities, and releases.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFlightdeck as default } from './module';
export { scaffolderModuleFlightdeckCatalog } from './catalog/module';
export { scaffolderModuleFlightdeckLocalGit } from './localGit/module';
export { scaffolderModuleFlightdeckRelease } from './release/module';
export { scaffolderModuleFlightdeckSharedConfigs } from './sharedConfigs/module';
export { localGitUrlReaderFactory } from './localGit/localGitUrlReaderFactory';
