import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  GeneratorBase,
  GeneratorRunOptions,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import childProcess from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { techdocsModuleMkdocsPolicy } from './techdocsModuleMkdocsPolicy';

/** Stands in for TechDocs: keeps the generator a module sets. */
function techdocsCapturingGenerator() {
  const captured: { generator?: GeneratorBase } = {};
  const plugin = createBackendPlugin({
    pluginId: 'techdocs',
    register(env) {
      env.registerExtensionPoint(techdocsGeneratorExtensionPoint, {
        setTechdocsGenerator(generator) {
          captured.generator = generator;
        },
        registerGenerator() {},
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, captured };
}

describe('the TechDocs module that checks mkdocs.yml', () => {
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'techdocs-module-'));
    // A stand-in mkdocs that keeps the mkdocs.yml it was given.
    await mkdir(path.join(work, 'bin'));
    const mkdocs = path.join(work, 'bin', 'mkdocs');
    await writeFile(
      mkdocs,
      `#!/bin/sh\ncp mkdocs.yml "${work}/built-with.yml"\n`,
    );
    await chmod(mkdocs, 0o755);
    // TechDocs spawns `mkdocs` from PATH; Node's spawn reads the real
    // process's environment, not the one Jest gives the test.
    const spawn = childProcess.spawn;
    jest
      .spyOn(childProcess, 'spawn')
      .mockImplementation((command, args, options) =>
        spawn(command, args, {
          ...options,
          env: {
            ...process.env,
            PATH: `${path.join(work, 'bin')}:${process.env.PATH}`,
          },
        }),
      );
    await mkdir(path.join(work, 'input', 'docs'), { recursive: true });
    await mkdir(path.join(work, 'output'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(work, { recursive: true, force: true });
  });

  /** The module with these extra MkDocs settings of the TechDocs generator. */
  async function generatorWith(mkdocs: object) {
    const { plugin, captured } = techdocsCapturingGenerator();
    const backend = await startTestBackend({
      features: [
        plugin,
        techdocsModuleMkdocsPolicy,
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              generator: {
                runIn: 'local',
                mkdocs: { omitTechdocsCorePlugin: true, ...mkdocs },
              },
            },
          },
        }),
      ],
    });
    const run = (mkdocsYml: string) =>
      writeFile(path.join(work, 'input', 'mkdocs.yml'), mkdocsYml).then(() =>
        captured.generator!.run({
          inputDir: path.join(work, 'input'),
          outputDir: path.join(work, 'output'),
          logger:
            mockServices.logger.mock() as unknown as GeneratorRunOptions['logger'],
        }),
      );
    return { backend, run };
  }

  it('builds a clean site with MkDocs', async () => {
    const { backend, run } = await generatorWith({});
    await run('site_name: payments-api\nplugins: [search]\n');
    expect(await readFile(path.join(work, 'built-with.yml'), 'utf8')).toContain(
      'payments-api',
    );
    await backend.stop();
  });

  it('refuses, before MkDocs runs, a site that would put a secret of the portal in its pages', async () => {
    const { backend, run } = await generatorWith({});
    await expect(run('site_name: !ENV AUTH_SESSION_SECRET\n')).rejects.toThrow(
      '!ENV at site_name',
    );
    await expect(
      readFile(path.join(work, 'built-with.yml'), 'utf8'),
    ).rejects.toThrow('ENOENT');
    await backend.stop();
  });

  it('allows the plugins TechDocs keeps, and those its config adds', async () => {
    const { backend, run } = await generatorWith({
      dangerouslyAllowAdditionalPlugins: ['awesome-pages'],
    });
    await run('site_name: payments-api\nplugins: [search, awesome-pages]\n');
    await expect(
      run('site_name: payments-api\nplugins: [macros]\n'),
    ).rejects.toThrow(
      /plugin 'macros' \(allowed: techdocs-core, .*awesome-pages\)/,
    );
    await backend.stop();
  });
});
