/**
 * Skyhop's shared configs for service repositories, with their version.
 *
 * @packageDocumentation
 */
export {
  loadSharedConfigs,
  SHARED_CONFIGS_MANIFEST_PATH,
  type SharedConfigFile,
  type SharedConfigs,
  type SharedConfigsManifest,
} from './sharedConfigs';
