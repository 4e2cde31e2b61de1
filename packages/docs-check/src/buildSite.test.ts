/* eslint-disable jest/no-standalone-expect -- withMkdocs below is it or it.skip */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSite } from './buildSite';
import { readMkdocsSite } from './mkdocsSite';

const hasMkdocs = (() => {
  try {
    execFileSync('mkdocs', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('buildSite', () => {
  const dir = createMockDirectory();
  const site = async (page: string) => {
    dir.setContent({
      'mkdocs.yml': 'site_name: Test\nnav:\n  - index.md\n',
      'docs/index.md': page,
    });
    return readMkdocsSite(join(dir.path, 'mkdocs.yml'));
  };

  it('says how to install mkdocs when it is missing', async () => {
    const problems = await buildSite(await site('# Home\n'), 'no-such-mkdocs');
    expect(problems.map(p => p.message)).toEqual([
      'mkdocs is not installed, so the site cannot be built: apt-get install mkdocs mkdocs-material python3-pymdownx',
    ]);
  });

  // CI installs mkdocs from Debian; a machine without it skips these two.
  const withMkdocs = hasMkdocs ? it : it.skip;

  withMkdocs('builds a sound site without a word', async () => {
    expect(await buildSite(await site('# Home\n\nAll well.\n'))).toEqual([]);
  });

  withMkdocs('reports what mkdocs warns about', async () => {
    const problems = await buildSite(await site('# Home\n\n[gone](gone.md)\n'));
    expect(problems.map(p => p.message).join('\n')).toContain('gone.md');
  });
});
