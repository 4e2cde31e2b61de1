import { mockServices } from '@backstage/backend-test-utils';
import {
  GeneratorBase,
  GeneratorRunOptions,
} from '@backstage/plugin-techdocs-node';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PolicyCheckingGenerator } from './PolicyCheckingGenerator';

describe('PolicyCheckingGenerator', () => {
  let inputDir: string;
  const runs: GeneratorRunOptions[] = [];
  const mkdocs: GeneratorBase = {
    async run(options) {
      runs.push(options);
    },
  };
  const generator = new PolicyCheckingGenerator(mkdocs, ['search']);
  const run = () =>
    generator.run({
      inputDir,
      outputDir: path.join(inputDir, 'site'),
      logger:
        mockServices.logger.mock() as unknown as GeneratorRunOptions['logger'],
    });

  beforeEach(async () => {
    runs.length = 0;
    inputDir = await mkdtemp(path.join(os.tmpdir(), 'techdocs-input-'));
  });
  afterEach(() => rm(inputDir, { recursive: true, force: true }));

  it('builds a site that runs no code of its repository', async () => {
    await writeFile(
      path.join(inputDir, 'mkdocs.yml'),
      'site_name: payments-api\nplugins: [search]\n',
    );
    await run();
    expect(runs).toHaveLength(1);
  });

  it.each(['mkdocs.yml', 'mkdocs.yaml'])(
    'refuses to build a site whose %s names hooks, before MkDocs runs',
    async file => {
      await writeFile(
        path.join(inputDir, file),
        'site_name: payments-api\nhooks: [hooks.py]\n',
      );
      await expect(run()).rejects.toThrow(/hooks/);
      expect(runs).toHaveLength(0);
    },
  );

  it('builds a site without mkdocs.yml, whose default the portal writes', async () => {
    await run();
    expect(runs).toHaveLength(1);
    expect(await readdir(inputDir)).toContain('mkdocs.yml');
  });
});
