import { NotAllowedError } from '@backstage/errors';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../__testUtils__/appConfig';
import { checkMkdocsConfig, DEFAULT_ALLOWED_PLUGINS } from './mkdocsPolicy';

const site = `site_name: payments-api
nav:
  - Overview: index.md
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
`;

const refusal = (content: string, allowed = DEFAULT_ALLOWED_PLUGINS) => {
  try {
    checkMkdocsConfig('mkdocs.yml', content, allowed);
  } catch (error) {
    expect(error).toBeInstanceOf(NotAllowedError);
    return (error as Error).message;
  }
  throw new Error('the mkdocs.yml was accepted');
};

/** Every mkdocs.yml of the repository: the portal's, the demo's, the templates'. */
function repositorySites(): string[] {
  const found: string[] = ['mkdocs.yml'];
  for (const folder of ['catalog', 'templates']) {
    const entries = readdirSync(path.join(repoRoot, folder), {
      recursive: true,
      encoding: 'utf8',
    });
    found.push(
      ...entries
        .filter(entry => /(^|\/)mkdocs\.ya?ml$/.test(entry))
        .map(entry => path.join(folder, entry)),
    );
  }
  return found;
}

describe('checkMkdocsConfig', () => {
  it.each(repositorySites())('accepts %s', file => {
    // The template's skeleton is Nunjucks; its values do not change the keys.
    const content = readFileSync(path.join(repoRoot, file), 'utf8').replace(
      /^\{%.*%\}$/gm,
      '',
    );
    expect(() =>
      checkMkdocsConfig(file, content, DEFAULT_ALLOWED_PLUGINS),
    ).not.toThrow();
  });

  it('finds every site of the repository', () => {
    expect(repositorySites().length).toBeGreaterThan(10);
  });

  it('refuses hooks, naming them and saying that CI builds such sites', () => {
    const message = refusal(`${site}hooks:\n  - hooks/steal.py\n`);
    expect(message).toContain('mkdocs.yml');
    expect(message).toContain('hooks');
    expect(message).toContain('docs/techdocs.md');
  });

  it('refuses INHERIT, which could bring in hooks from another file', () => {
    expect(refusal(`INHERIT: ../base.yml\n${site}`)).toContain('INHERIT');
  });

  it('refuses a theme whose templates come from the repository', () => {
    expect(
      refusal(
        site.replace('font: false', 'font: false\n  custom_dir: overrides'),
      ),
    ).toContain('theme.custom_dir');
  });

  it.each([
    ['a list', `${site}plugins:\n  - search\n  - macros\n`],
    [
      'a list of settings',
      `${site}plugins:\n  - search\n  - macros:\n      module_name: main\n`,
    ],
    ['a mapping', `${site}plugins:\n  search: {}\n  macros: {}\n`],
  ])(
    'refuses a plugin outside the allowlist, given as %s, and says how to allow it',
    (_, content) => {
      const message = refusal(content);
      expect(message).toContain("plugin 'macros'");
      expect(message).not.toContain("plugin 'search'");
      expect(message).toContain(
        'techdocs.generator.mkdocs.dangerouslyAllowAdditionalPlugins',
      );
    },
  );

  it('accepts a plugin once the allowlist names it', () => {
    expect(() =>
      checkMkdocsConfig(
        'mkdocs.yml',
        `${site}plugins:\n  - search\n  - macros\n`,
        ['search', 'macros'],
      ),
    ).not.toThrow();
  });

  it.each([
    [
      "!ENV, which reads the portal's secrets into the page",
      'site_name: !ENV AUTH_SESSION_SECRET',
      '!ENV at site_name',
    ],
    [
      '!ENV with a fallback',
      'site_name: !ENV [GITHUB_TOKEN, docs]',
      '!ENV at site_name',
    ],
    [
      'a Python object',
      'extra:\n  x: !!python/object/apply:os.system ["id"]',
      '!!python/object/apply:os.system at extra.x',
    ],
    [
      'a Python name',
      'markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - format: !!python/name:os.system',
      '!!python/name:os.system at markdown_extensions[0].pymdownx.superfences.custom_fences[0].format',
    ],
  ])('refuses %s', (_, content, named) => {
    expect(refusal(content)).toContain(named);
  });

  it('refuses what it cannot read, rather than guess what MkDocs reads', () => {
    expect(refusal('site_name: [unclosed')).toContain('not valid YAML');
  });

  it('names every refusal at once', () => {
    const message = refusal(
      `${site}hooks: [a.py]\nplugins: [macros]\nextra:\n  token: !ENV GITHUB_TOKEN\n`,
    );
    for (const named of ['hooks', "plugin 'macros'", '!ENV at extra.token']) {
      expect(message).toContain(named);
    }
  });
});
