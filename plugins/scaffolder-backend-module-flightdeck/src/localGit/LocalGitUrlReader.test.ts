import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  MockDirectoryContent,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { serializeError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalGitHost } from './LocalGitHost';
import { LocalGitUrlReader } from './LocalGitUrlReader';
import { createLocalGitReaders } from './localGitUrlReaderFactory';

const base = 'http://localhost:7007/api/local-git';

describe('LocalGitUrlReader', () => {
  const host = createMockDirectory();
  const work = createMockDirectory();
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

  const config = new ConfigReader({
    backend: { baseUrl: 'http://localhost:7007' },
    flightdeck: { localGitHost: { directory: host.path } },
  });
  const logger = mockServices.logger.mock();
  const reader = UrlReaders.create({
    config,
    logger,
    factories: [createLocalGitReaders],
  });

  /** A repository `name` on the host whose branches hold `content`. */
  function createRepository(
    name: string,
    content: MockDirectoryContent,
    branches = ['main'],
  ) {
    work.setContent(content);
    const bare = join(host.path, `${name}.git`);
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
    for (const branch of branches) {
      git(work.path, 'push', '--quiet', bare, `HEAD:refs/heads/${branch}`);
    }
    return bare;
  }

  beforeAll(() => {
    createRepository(
      'ledger',
      {
        'catalog-info.yaml': 'kind: Component\n',
        'mkdocs.yml': 'site_name: ledger\n',
        docs: { 'index.md': '# Ledger\n', 'runbook.md': '# Runbook\n' },
      },
      ['main', 'release/v1'],
    );
  });

  beforeEach(() => jest.clearAllMocks());

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

  it('refuses paths that git would take for options, and writes nothing', async () => {
    // A folder named like an option, committed by whoever can push to a
    // repository of the host, and named in a catalog location's URL.
    createRepository('hostile', {
      '--output=..': { 'written.tar': { 'a.md': '# a\n' } },
    });
    const written = join(host.path, 'written.tar');

    const error = await reader
      .readTree(`${base}/hostile/blob/main/--output=../written.tar`)
      .catch(e => e);
    expect(existsSync(written)).toBe(false);
    expect(error).toMatchObject({ name: 'InputError' });
    expect(error.message).toContain("'--output=..' starts with '-'");

    await expect(
      reader.readUrl(`${base}/hostile/blob/main/--output=../written.tar/a.md`),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(existsSync(written)).toBe(false);
  });

  it('answers a malformed escape with an InputError', async () => {
    const url = `${base}/ledger/blob/main/%E0%A4%A`;
    for (const read of [
      () => reader.readUrl(url),
      () => reader.readTree(url),
      () => reader.search(url),
    ]) {
      await expect(read()).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('is not a valid URL'),
      });
    }
  });

  it("tells callers no git output and no folder of the host, but logs git's", async () => {
    const bare = createRepository('broken', {
      'catalog-info.yaml': 'kind: Component\n',
      docs: { 'index.md': '# Broken\n' },
    });
    // Corrupt the blob of catalog-info.yaml, so that reading it fails.
    const blob = git(bare, 'rev-parse', 'main:catalog-info.yaml');
    const object = join(bare, 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, 'not a git object');

    for (const read of [
      () => reader.readUrl(`${base}/broken/blob/main/catalog-info.yaml`),
      () => reader.readTree(`${base}/broken/blob/main/`),
    ]) {
      const error = await read().catch(e => e);
      expect(error).toBeInstanceOf(Error);
      const answer = JSON.stringify(serializeError(error));
      expect(answer).toContain('broken');
      for (const secret of [host.path, 'fatal', 'inflate', blob]) {
        expect(answer).not.toContain(secret);
      }
    }
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('broken'),
      expect.objectContaining({ message: expect.stringContaining('fatal') }),
    );
  });

  it('refuses, naming the limit, what is larger than one read may take', async () => {
    const localGitHost = LocalGitHost.fromConfig(config)!;
    const limited = UrlReaders.create({
      config,
      logger,
      factories: [
        ({ treeResponseFactory }) => [
          {
            reader: new LocalGitUrlReader(localGitHost, treeResponseFactory, {
              logger,
              maxReadBytes: 10,
            }),
            predicate: url => localGitHost.owns(url.toString()),
          },
        ],
      ],
    });
    for (const read of [
      () => limited.readUrl(`${base}/ledger/blob/main/catalog-info.yaml`),
      () => limited.readTree(`${base}/ledger/blob/main/docs`),
    ]) {
      await expect(read()).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /is larger than 10 bytes, the most the local git host reads at once$/,
        ),
      });
    }
  });
});
