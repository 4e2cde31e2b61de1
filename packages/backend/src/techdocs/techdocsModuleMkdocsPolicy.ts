import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TechdocsGenerator,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { ALLOWED_PLUGINS_KEY, DEFAULT_ALLOWED_PLUGINS } from './mkdocsPolicy';
import { PolicyCheckingGenerator } from './PolicyCheckingGenerator';

/**
 * TechDocs builds (the local portal's; production builds in CI) only of
 * sites that run no code of their repository in the backend's process.
 */
export const techdocsModuleMkdocsPolicy = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'flightdeck-mkdocs-policy',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        generators: techdocsGeneratorExtensionPoint,
      },
      async init({ config, logger, generators }) {
        // The same list TechDocs' own sanitizer keeps plugins by.
        const allowedPlugins = [
          ...DEFAULT_ALLOWED_PLUGINS,
          ...(config.getOptionalStringArray(ALLOWED_PLUGINS_KEY) ?? []),
        ];
        generators.setTechdocsGenerator(
          new PolicyCheckingGenerator(
            TechdocsGenerator.fromConfig(config, { logger }),
            allowedPlugins,
          ),
        );
      },
    });
  },
});
