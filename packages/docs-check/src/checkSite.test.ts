import { createMockDirectory } from '@backstage/backend-test-utils';
import { join } from 'node:path';
import { checkSite } from './checkSite';
import { readMkdocsSite } from './mkdocsSite';

const runbook = (sections: string[]) =>
  `# Deploy\n\n${sections.map(s => `## ${s}\n\ntext\n`).join('\n')}`;
const SECTIONS = [
  'When to use it',
  'Steps',
  'How to verify',
  'How to back out',
];

describe('checkSite', () => {
  const dir = createMockDirectory();

  const check = async (files: Record<string, string>) => {
    dir.setContent(files);
    const problems = await checkSite(
      await readMkdocsSite(join(dir.path, 'mkdocs.yml')),
    );
    // Messages name paths from the working directory; the test's folder goes.
    const folder = new RegExp(`\\S*${dir.path.split('/').pop()}/`, 'g');
    return problems.map(p => `${p.where}: ${p.message}`.replace(folder, ''));
  };
  const mkdocs = (...pages: string[]) =>
    `site_name: Test\nnav:\n${pages.map(p => `  - ${p}`).join('\n')}\n`;

  it('finds nothing wrong with a sound site', async () => {
    expect(
      await check({
        'mkdocs.yml': `${mkdocs(
          'index.md',
          'Runbooks: [runbooks/index.md, runbooks/deploy.md]',
        )}markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n          class: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n`,
        'docs/index.md':
          '# Home\n\nSee [deploying](runbooks/deploy.md#how-to-back-out) and ![x](images/x.svg).\n',
        'docs/images/x.svg': '<svg/>',
        'docs/runbooks/index.md': '# Runbooks\n\n[Home](../index.md#home)\n',
        'docs/runbooks/deploy.md': runbook([...SECTIONS, 'Related']),
      }),
    ).toEqual([]);
  });

  it('names nav entries without a page, and pages outside the nav', async () => {
    expect(
      await check({
        'mkdocs.yml': mkdocs('index.md', 'Gone: gone.md'),
        'docs/index.md': '# Home\n',
        'docs/stray.md': '# Stray\n',
      }),
    ).toEqual([
      'mkdocs.yml: the nav names gone.md, which is not in docs',
      'docs/stray.md: the page is not in the nav of mkdocs.yml',
    ]);
  });

  it('names each link that leads nowhere', async () => {
    const problems = await check({
      'mkdocs.yml': mkdocs('index.md', 'b.md'),
      'docs/b.md': '# B\n\n## Real heading\n',
      'docs/index.md': [
        '# Home',
        '',
        '[ok](b.md#real-heading) [ok](#home) [web](https://backstage.io/x#y)',
        '[no page](c.md) [no anchor](b.md#made-up) [no anchor here](#nowhere)',
        '[absolute](/b.md) [outside](../README.md) ![no image](i.png)',
      ].join('\n'),
    });
    expect(problems).toEqual([
      'docs/index.md:3: link to c.md: there is no page c.md',
      'docs/index.md:3: link to b.md#made-up: b.md has no heading with the anchor #made-up',
      'docs/index.md:3: link to #nowhere: index.md has no heading with the anchor #nowhere',
      'docs/index.md:3: link to /b.md: use a path relative to the page, so that it works in TechDocs',
      'docs/index.md:3: link to ../README.md leaves docs',
      'docs/index.md:3: link to i.png: i.png does not exist',
    ]);
  });

  it('holds runbooks to their sections, in order', async () => {
    const problems = await check({
      'mkdocs.yml': mkdocs(
        'runbooks/index.md',
        'runbooks/a.md',
        'runbooks/b.md',
        'runbook.md',
      ),
      'docs/runbooks/index.md': '# Runbooks\n',
      'docs/runbooks/a.md': runbook([
        'Steps',
        'When to use it',
        'How to verify',
        'How to back out',
      ]),
      'docs/runbooks/b.md': runbook(['When to use it', 'Steps']),
      'docs/runbook.md': runbook(['Steps']),
    });
    expect(problems).toEqual([
      'docs/runbook.md:1: a runbook starts with the sections "When to use it", "Steps", "How to verify", "How to back out"; this one has "Steps"',
      'docs/runbooks/a.md:1: a runbook starts with the sections "When to use it", "Steps", "How to verify", "How to back out"; this one has "Steps", "When to use it", "How to verify", "How to back out"',
      'docs/runbooks/b.md:1: a runbook starts with the sections "When to use it", "Steps", "How to verify", "How to back out"; this one has "When to use it", "Steps"',
    ]);
  });
});
