import {
  GeneratorBase,
  GeneratorRunOptions,
  getMkdocsYml,
} from '@backstage/plugin-techdocs-node';
import path from 'node:path';
import { checkMkdocsConfig } from './mkdocsPolicy';

/**
 * TechDocs' MkDocs generator, run only on sites whose mkdocs.yml (or
 * mkdocs.yaml, whichever MkDocs would read) passes `checkMkdocsConfig`.
 */
export class PolicyCheckingGenerator implements GeneratorBase {
  constructor(
    private readonly mkdocs: GeneratorBase,
    private readonly allowedPlugins: readonly string[],
  ) {}

  async run(options: GeneratorRunOptions): Promise<void> {
    const config = await getMkdocsYml(options.inputDir, options.siteOptions);
    // Without a file of its own the site gets the portal's default one.
    if (!config.configIsTemporary) {
      checkMkdocsConfig(
        path.basename(config.path),
        config.content,
        this.allowedPlugins,
      );
    }
    await this.mkdocs.run(options);
  }
}
