import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadSharedConfigs } from '@flightdeck/shared-configs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createSharedConfigsApplyAction } from './sharedConfigsApply';
import { examples as applyExamples } from './sharedConfigsApply.examples';
import { createSharedConfigsCheckAction } from './sharedConfigsCheck';
import { examples as checkExamples } from './sharedConfigsCheck.examples';

describe('shared configs actions', () => {
  const workspace = createMockDirectory();
  const apply = createSharedConfigsApplyAction();
  const check = createSharedConfigsCheckAction();

  beforeEach(() => workspace.clear());

  const outputsOf = (ctx: { output: (...args: any[]) => void }) =>
    Object.fromEntries(jest.mocked(ctx.output).mock.calls);

  const runCheck = async (input: object = {}) => {
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await check.handler(ctx as any);
    return outputsOf(ctx);
  };

  it('writes every shared config and records the version', async () => {
    const configs = await loadSharedConfigs();
    const ctx = createMockActionContext({
      input: {},
      workspacePath: workspace.path,
    });
    await apply.handler(ctx as any);

    for (const file of configs.files) {
      expect(await readFile(join(workspace.path, file.path), 'utf8')).toBe(
        file.content,
      );
    }
    const manifest = JSON.parse(
      await readFile(
        join(workspace.path, '.flightdeck/shared-configs.json'),
        'utf8',
      ),
    );
    expect(manifest.version).toBe(configs.version);
    expect(Object.keys(manifest.files)).toEqual(configs.files.map(f => f.path));
    expect(outputsOf(ctx)).toEqual({
      version: configs.version,
      files: [
        ...configs.files.map(f => f.path),
        '.flightdeck/shared-configs.json',
      ],
    });
  });

  it('finds nothing to report right after applying, even twice', async () => {
    const workspacePath = workspace.path;
    await apply.handler(
      createMockActionContext({ input: {}, workspacePath }) as any,
    );
    await apply.handler(
      createMockActionContext({ input: {}, workspacePath }) as any,
    );
    expect(await runCheck()).toMatchObject({
      upToDate: true,
      missing: [],
      changed: [],
    });
  });

  it('reports files edited by hand, deleted, and a repository that never had them', async () => {
    expect(await runCheck()).toMatchObject({
      upToDate: false,
      missing: expect.arrayContaining(['tsconfig.json', '.editorconfig']),
      changed: [],
    });
    expect((await runCheck()).recordedVersion).toBeUndefined();

    await apply.handler(
      createMockActionContext({
        input: {},
        workspacePath: workspace.path,
      }) as any,
    );
    await writeFile(join(workspace.path, '.prettierrc.json'), '{}\n');
    await rm(join(workspace.path, '.editorconfig'));
    const outputs = await runCheck();
    expect(outputs).toMatchObject({
      upToDate: false,
      missing: ['.editorconfig'],
      changed: ['.prettierrc.json'],
    });
    expect(outputs.summary).toContain(
      'the repository records the current version, 1.0.0, but its files were changed since',
    );
    expect(outputs.summary).toContain('Missing: `.editorconfig`');
    expect(outputs.summary).toContain('Differ: `.prettierrc.json`');
  });

  it('tells an older recorded version from the current one', async () => {
    await apply.handler(
      createMockActionContext({
        input: {},
        workspacePath: workspace.path,
      }) as any,
    );
    await writeFile(
      join(workspace.path, '.flightdeck/shared-configs.json'),
      JSON.stringify({ version: '0.9.0', files: {} }),
    );
    expect(await runCheck()).toMatchObject({
      upToDate: false,
      recordedVersion: '0.9.0',
      missing: [],
      changed: [],
    });
    expect((await runCheck()).summary).toContain(
      'the repository has version 0.9.0, the current version is 1.0.0',
    );
  });

  it('fails the step on drift when asked to', async () => {
    await expect(runCheck({ failOnDrift: true })).rejects.toThrow(
      /Shared configs drifted: the repository has no record/,
    );
  });

  it('writes into a sub-folder, and never outside the workspace', async () => {
    await apply.handler(
      createMockActionContext({
        input: { targetPath: 'service' },
        workspacePath: workspace.path,
      }) as any,
    );
    expect(workspace.content()).toMatchObject({
      service: { 'tsconfig.json': expect.any(String) },
    });
    await expect(
      apply.handler(
        createMockActionContext({
          input: { targetPath: '../outside' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(/outside/);
    await expect(runCheck({ targetPath: '/etc' })).rejects.toThrow(/outside/);
  });

  describe('examples', () => {
    const runApply = async (input: Record<string, any>) => {
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
      });
      await apply.handler(ctx as any);
      return outputsOf(ctx);
    };
    const applyExample = (index: number) =>
      runApply(exampleInput(applyExamples[index], apply.id));
    const checkExample = (index: number) =>
      runCheck(
        exampleInput(checkExamples[index], check.id, {
          'parameters.repoUrl': 'https://github.com/skyhop/payments-ledger',
        }),
      );

    it('has an example for each test below', () => {
      expect(applyExamples.map(e => e.description)).toEqual([
        'Give a new service the shared configs',
        'Write them into a sub-folder of the workspace',
      ]);
      expect(checkExamples.map(e => e.description)).toEqual([
        'Fetch a repository, then see whether its configs drifted',
        'Check a repository fetched into a folder, and stop the template when it drifted',
      ]);
    });

    it('gives a new service the shared configs', async () => {
      const configs = await loadSharedConfigs();
      expect((await applyExample(0)).version).toBe(configs.version);
      for (const file of configs.files) {
        expect(await readFile(join(workspace.path, file.path), 'utf8')).toBe(
          file.content,
        );
      }
    });

    it('writes them into a sub-folder of the workspace', async () => {
      await applyExample(1);
      expect(Object.keys(workspace.content()!)).toEqual(['service']);
      expect(workspace.content({ path: 'service' })).toMatchObject({
        'tsconfig.json': expect.any(String),
        '.flightdeck': { 'shared-configs.json': expect.any(String) },
      });
    });

    it('sees whether the configs of a fetched repository drifted', async () => {
      // What fetch:plain leaves: a repository with the current configs.
      await runApply({});
      expect(await checkExample(0)).toMatchObject({ upToDate: true });
      await writeFile(join(workspace.path, '.prettierrc.json'), '{}\n');
      expect(await checkExample(0)).toMatchObject({
        upToDate: false,
        changed: ['.prettierrc.json'],
      });
    });

    it('checks a folder, and stops the template when it drifted', async () => {
      await runApply({ targetPath: 'repo' });
      expect(await checkExample(1)).toMatchObject({ upToDate: true });
      await writeFile(
        join(workspace.path, 'repo/.editorconfig'),
        'root = false\n',
      );
      await expect(checkExample(1)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('Differ: `.editorconfig`'),
      });
    });
  });
});
