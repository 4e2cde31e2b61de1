import { loadSharedConfigs } from './sharedConfigs';

describe('loadSharedConfigs', () => {
  it('ships every config with the package version', async () => {
    const configs = await loadSharedConfigs();
    expect(configs.version).toBe(require('../package.json').version);
    expect(configs.files.map(f => f.path)).toEqual([
      '.editorconfig',
      '.prettierrc.json',
      'commitlint.config.cjs',
      'eslint.config.mjs',
      'tsconfig.json',
    ]);
  });

  it('ships configs that parse', async () => {
    const { files } = await loadSharedConfigs();
    const content = (path: string) => files.find(f => f.path === path)!.content;
    expect(JSON.parse(content('tsconfig.json')).compilerOptions.strict).toBe(
      true,
    );
    expect(JSON.parse(content('.prettierrc.json')).singleQuote).toBe(true);
    expect(content('.editorconfig')).toMatch(/^root = true$/m);
    expect(require('../configs/commitlint.config.cjs')).toMatchObject({
      extends: ['@commitlint/config-conventional'],
    });
    expect(content('eslint.config.mjs')).toContain('typescript-eslint');
  });

  it('fingerprints each file by its content', async () => {
    const { files } = await loadSharedConfigs();
    for (const file of files) {
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(files.map(f => f.sha256)).size).toBe(files.length);
  });
});
