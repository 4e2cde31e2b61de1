import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TechdocsGenerator,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { DEFAULT_ALLOWED_PLUGINS } from './mkdocsPolicy';
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
        const allowedPlugins =
          config.getOptionalStringArray('flightdeck.techdocs.allowedPlugins') ??
          DEFAULT_ALLOWED_PLUGINS;
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
