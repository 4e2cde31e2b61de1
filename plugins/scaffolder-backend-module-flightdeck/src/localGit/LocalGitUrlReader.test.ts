import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createLocalGitReaders } from './localGitUrlReaderFactory';

const base = 'http://localhost:7007/api/local-git';

describe('LocalGitUrlReader', () => {
  const host = createMockDirectory();
  const work = createMockDirectory();
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

  const reader = UrlReaders.create({
    config: new ConfigReader({
      backend: { baseUrl: 'http://localhost:7007' },
      flightdeck: { localGitHost: { directory: host.path } },
    }),
    logger: mockServices.logger.mock(),
    factories: [createLocalGitReaders],
  });

  beforeAll(() => {
    work.setContent({
      'catalog-info.yaml': 'kind: Component\n',
      'mkdocs.yml': 'site_name: ledger\n',
      docs: { 'index.md': '# Ledger\n', 'runbook.md': '# Runbook\n' },
    });
    const bare = join(host.path, 'ledger.git');
    git(host.path, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(work.path, 'init', '--quiet', '--initial-branch=main');
    git(work.path, 'add', '--all');
    git(
      work.path,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '--quiet',
      '-m',
      'init',
    );
    git(work.path, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
    git(work.path, 'push', '--quiet', bare, 'HEAD:refs/heads/release/v1');
  });

  it('reads a file, and answers NotModified for the etag it gave', async () => {
    const url = `${base}/ledger/blob/main/catalog-info.yaml`;
    const response = await reader.readUrl(url);
    expect((await response.buffer()).toString()).toBe('kind: Component\n');
    expect(response.etag).toMatch(/^[0-9a-f]{40}$/);
    await expect(
      reader.readUrl(url, { etag: response.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('finds branches with slashes in their names', async () => {
    const response = await reader.readUrl(
      `${base}/ledger/blob/release/v1/docs/index.md`,
    );
    expect((await response.buffer()).toString()).toBe('# Ledger\n');
  });

  it('reads a folder as a tree, for TechDocs', async () => {
    const tree = await reader.readTree(`${base}/ledger/blob/main/docs`);
    const files = await tree.files();
    const contents = Object.fromEntries(
      await Promise.all(
        files.map(async f => [f.path, (await f.content()).toString()]),
      ),
    );
    expect(contents).toEqual({
      'index.md': '# Ledger\n',
      'runbook.md': '# Runbook\n',
    });

    const whole = await reader.readTree(`${base}/ledger/blob/main/`);
    expect((await whole.files()).map(f => f.path).sort()).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
      'docs/runbook.md',
      'mkdocs.yml',
    ]);
    await expect(
      reader.readTree(`${base}/ledger/blob/main/`, { etag: whole.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('finds a single file by search, and nothing for a missing one', async () => {
    const found = await reader.search(
      `${base}/ledger/blob/main/catalog-info.yaml`,
    );
    expect(found.files.map(f => f.url)).toEqual([
      `${base}/ledger/blob/main/catalog-info.yaml`,
    ]);
    const missing = await reader.search(`${base}/ledger/blob/main/nope.yaml`);
    expect(missing.files).toEqual([]);
  });

  it('answers NotFound for missing files, branches and repositories', async () => {
    for (const url of [
      `${base}/ledger/blob/main/missing.yaml`,
      `${base}/ledger/blob/nobranch/catalog-info.yaml`,
      `${base}/nothing/blob/main/catalog-info.yaml`,
    ]) {
      await expect(reader.readUrl(url)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    }
  });

  it('refuses folders as files, escapes and bad names', async () => {
    await expect(
      reader.readUrl(`${base}/ledger/blob/main/docs`),
    ).rejects.toThrow('is a folder, not a file');
    // URL parsing resolves dot segments, so an escape names nothing here.
    await expect(
      reader.readUrl(`${base}/ledger/blob/main/docs/%2E%2E/%2E%2E/x`),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      reader.readUrl(`${base}/Bad%20Name/blob/main/x`),
    ).rejects.toThrow('Invalid repository name');
  });

  it('leaves other hosts to other readers', async () => {
    await expect(
      reader.readUrl('http://localhost:7007/api/catalog/entities'),
    ).rejects.toThrow(/not allowed|no reader|Reading from/i);
  });
});
