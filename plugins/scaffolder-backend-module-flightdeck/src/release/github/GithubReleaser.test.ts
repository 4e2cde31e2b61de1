import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FakeGithubRepository } from './__testUtils__/FakeGithubRepository';
import { MAX_RELEASE_COMMITS, MAX_TAGS_OUTSIDE_BRANCH } from './githubHistory';
import { GithubReleaser } from './GithubReleaser';

const date = new Date('2024-03-06T12:00:00Z');
const author = { name: 'Release Bot', email: 'rb@skyhop.example' };

describe('GithubReleaser', () => {
  const server = setupServer();
  let github: FakeGithubRepository;
  let requests: Array<{ method: string; url: string; auth: string | null }>;

  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) =>
      requests.push({
        method: request.method,
        url: request.url,
        auth: request.headers.get('authorization'),
      }),
    );
  });
  beforeEach(() => {
    requests = [];
    github = new FakeGithubRepository();
    server.resetHandlers(...github.handlers());
  });
  afterAll(() => server.close());

  const writes = () => requests.filter(r => r.method !== 'GET');
  const logger = mockServices.logger.mock();

  const releaser = async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
      }),
    );
    return GithubReleaser.create({
      integrations,
      credentialsProvider:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      repository: {
        hostname: 'github.com',
        owner: 'skyhop',
        repo: 'payments-ledger',
      },
      author,
      logger,
    });
  };
  const release = async (bump: 'auto' | 'major' = 'auto') => {
    const r = await releaser();
    const plan = await r.plan({ bump, date });
    return { plan, published: await r.publish(plan) };
  };

  it('releases 0.1.0 first, reading every page of the history', async () => {
    github.commit('feat: first endpoint');
    for (let i = 0; i < 140; i++) github.commit(`chore: tidy ${i}`);
    github.commit('feat: second endpoint');

    const { plan, published } = await release();

    expect(plan).toMatchObject({
      version: '0.1.0',
      tag: 'v0.1.0',
      previousVersion: undefined,
      commits: 142,
      branch: 'main',
    });
    // Oldest first, as in git log --reverse.
    expect(plan.section).toMatch(
      /### Features\n\n- first endpoint \([0-9a-f]{7}\)\n- second endpoint/,
    );
    expect(
      requests.filter(r => r.url.includes('/commits?')).map(r => r.url),
    ).toEqual([
      expect.stringContaining('per_page=100'),
      expect.stringContaining('page=2'),
    ]);
    expect(requests.every(r => r.auth === 'token ghp_test')).toBe(true);

    const head = github.head();
    expect(published).toEqual({
      commitHash: head,
      releaseUrl:
        'https://github.com/skyhop/payments-ledger/releases/tag/v0.1.0',
    });
    expect(github.commits.get(head)!.message).toBe('chore(release): v0.1.0');
    expect(github.file('CHANGELOG.md')).toBe(`# Changelog\n\n${plan.section}`);
    const tag = github.tags.get('v0.1.0')!;
    expect(tag.commit).toBe(head);
    expect(github.tagObjects.get(tag.object!)).toEqual({
      tag: 'v0.1.0',
      message: `v0.1.0\n\n${plan.section}`,
      commit: head,
    });
    expect(github.releases).toEqual([
      expect.objectContaining({
        tag_name: 'v0.1.0',
        name: 'v0.1.0',
        body: plan.section,
        prerelease: false,
      }),
    ]);
    expect(writes().map(r => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      [
        'PUT /repos/skyhop/payments-ledger/contents/CHANGELOG.md',
        'POST /repos/skyhop/payments-ledger/git/tags',
        'POST /repos/skyhop/payments-ledger/git/refs',
        'POST /repos/skyhop/payments-ledger/releases',
      ],
    );
  });

  it('releases what the commits since the last tag call for, updating the CHANGELOG', async () => {
    github.commit('feat: first endpoint', {
      files: {
        'CHANGELOG.md': '# Changelog\n\n## 1.2.0 (2024-01-02)\n\n- old\n',
      },
    });
    github.tag('v1.2.0');
    github.tag('v1.1.0');
    github.commit('fix(api): handle empty bodies');
    github.commit('feat: add refunds');
    github.commit('docs: explain refunds');

    expect((await release()).plan).toMatchObject({
      version: '1.3.0',
      previousVersion: '1.2.0',
      commits: 3,
    });
    expect(github.file('CHANGELOG.md')!.split('\n')).toEqual([
      '# Changelog',
      '',
      '## 1.3.0 (2024-03-06)',
      '',
      '### Features',
      '',
      expect.stringMatching(/^- add refunds/),
      '',
      '### Fixes',
      '',
      expect.stringMatching(/^- \*\*api:\*\* handle empty bodies/),
      '',
      '## 1.2.0 (2024-01-02)',
      '',
      '- old',
      '',
    ]);

    github.commit('feat(api)!: drop v1\n\nBREAKING CHANGE: use /v2.');
    const major = await release();
    expect(major.plan).toMatchObject({
      version: '2.0.0',
      previousVersion: '1.3.0',
      // The release commit of 1.3.0 is not in it: it came before its tag.
      commits: 1,
    });
    expect(major.plan.section).toContain(
      '### Breaking changes\n\n- **api:** drop v1',
    );
    expect(github.file('CHANGELOG.md')).toMatch(
      /^# Changelog\n\n## 2\.0\.0 .*\n[^]*## 1\.3\.0 [^]*## 1\.2\.0 /,
    );
    expect([...github.tags.keys()]).toEqual(
      expect.arrayContaining(['v1.3.0', 'v2.0.0']),
    );
  });

  it('reads every page of the comparison with the last tag', async () => {
    github.commit('feat: first');
    github.tag('v1.0.0');
    github.commit('fix: early');
    for (let i = 0; i < 120; i++) github.commit(`chore: tidy ${i}`);
    github.commit('fix: late');
    const plan = await (await releaser()).plan({ bump: 'auto', date });
    expect(plan).toMatchObject({ version: '1.0.1', commits: 122 });
    expect(plan.section).toMatch(/- early .*\n- late /);
    expect(
      requests
        .filter(r => r.url.includes('/compare/'))
        .map(r => new URL(r.url).searchParams.get('page')),
    ).toEqual(['1', '2']);
  });

  it('refuses when nothing calls for a release, and writes nothing', async () => {
    github.commit('feat: first');
    github.tag('v0.1.0');
    const r = await releaser();
    await expect(r.plan({ bump: 'auto', date })).rejects.toThrow(
      'Nothing to release: no commits since v0.1.0',
    );
    github.commit('chore: tidy up');
    await expect(r.plan({ bump: 'auto', date })).rejects.toThrow(
      /Nothing to release since v0.1.0: none of its 1 commits/,
    );
    await expect(r.plan({ bump: 'major', date })).resolves.toMatchObject({
      version: '1.0.0',
    });
    expect(writes()).toEqual([]);
  });

  it('passes over version tags outside the branch, and refuses to take their name', async () => {
    github.commit('feat: first');
    github.tag('v0.1.0');
    github.commit('feat: on a side branch', { branch: 'side' });
    github.tag('v0.3.0', github.head('side'));
    github.commit('fix: on main');
    expect((await (await releaser()).plan({ bump: 'auto', date })).tag).toBe(
      'v0.1.1',
    );

    github.tag('v0.1.1', github.head('side'));
    const refused = (await releaser()).plan({ bump: 'auto', date });
    await expect(refused).rejects.toThrow(
      'Tag v0.1.1 exists already, outside the history of this branch: fix the tags before releasing',
    );
    await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it(`gives up after ${MAX_TAGS_OUTSIDE_BRANCH} version tags outside the branch`, async () => {
    github.commit('feat: first');
    github.commit('feat: side', { branch: 'side' });
    for (let i = 1; i <= MAX_TAGS_OUTSIDE_BRANCH; i++) {
      github.tag(`v9.${i}.0`, github.head('side'));
    }
    await expect(
      (await releaser()).plan({ bump: 'auto', date }),
    ).rejects.toThrow(/are all outside the history of its default branch/);
  });

  it('refuses to read more commits than a release may hold', async () => {
    for (let i = 0; i <= MAX_RELEASE_COMMITS; i++) github.commit(`fix: ${i}`);
    await expect(
      (await releaser()).plan({ bump: 'auto', date }),
    ).rejects.toThrow(
      `Too many commits to release: skyhop/payments-ledger has more than ${MAX_RELEASE_COMMITS} commits and no version tag`,
    );
  });

  it('refuses a CHANGELOG.md that is a symlink, naming it, and writes nothing', async () => {
    github.commit('feat: first', {
      files: { 'docs/CHANGES.md': '# Changelog\n' },
      symlinks: { 'CHANGELOG.md': 'docs/CHANGES.md' },
    });
    await expect(
      (await releaser()).plan({ bump: 'auto', date }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'CHANGELOG.md of skyhop/payments-ledger must be a regular file, but it is a symlink to docs/CHANGES.md',
    });
    expect(writes()).toEqual([]);
  });

  it('refuses a CHANGELOG.md that is a symlink to no file', async () => {
    github.commit('feat: first', {
      symlinks: { 'CHANGELOG.md': '../elsewhere' },
    });
    await expect(
      (await releaser()).plan({ bump: 'auto', date }),
    ).rejects.toThrow(
      'CHANGELOG.md of skyhop/payments-ledger must be a regular file, but it is a symlink',
    );
  });

  it('stops with a conflict, without a tag, when the branch moved under the CHANGELOG', async () => {
    github.commit('feat: first', {
      files: { 'CHANGELOG.md': '# Changelog\n' },
    });
    const r = await releaser();
    const plan = await r.plan({ bump: 'auto', date });
    github.commit('docs: reword the changelog', {
      files: { 'CHANGELOG.md': '# Changes\n' },
    });

    const failed = r.publish(plan);
    await expect(failed).rejects.toThrow(
      `main of github.com/skyhop/payments-ledger moved while v0.1.0 was planned, and GitHub refused the CHANGELOG commit (CHANGELOG.md does not match ${plan.changelogSha}`,
    );
    await expect(failed).rejects.toMatchObject({ name: 'ConflictError' });
    expect(github.tags.size).toBe(0);
    expect(github.releases).toEqual([]);
  });

  it('finishes a release that failed after its tag, without a second commit or tag', async () => {
    github.commit('feat: first endpoint');
    github.tag('v0.1.0');
    github.commit('fix(api): rounding');
    server.use(github.failsNextPost('/releases'));
    const first = await releaser();
    const planned = await first.plan({ bump: 'auto', date });
    await expect(first.publish(planned)).rejects.toMatchObject({
      status: 502,
    });
    const head = github.head();
    expect(github.tags.get('v0.1.1')!.commit).toBe(head);
    expect(github.releases).toEqual([]);

    requests = [];
    const retry = await releaser();
    // A day later: the notes are the section released, not a new one.
    const plan = await retry.plan({
      bump: 'auto',
      date: new Date('2024-03-07T12:00:00Z'),
    });
    expect(plan).toMatchObject({
      version: '0.1.1',
      tag: 'v0.1.1',
      previousVersion: '0.1.0',
      section: planned.section,
      changelog: planned.changelog,
      commits: 1,
      head,
      releaseCommit: head,
    });
    expect(await retry.publish(plan)).toEqual({
      commitHash: head,
      releaseUrl:
        'https://github.com/skyhop/payments-ledger/releases/tag/v0.1.1',
    });
    expect(github.releases).toEqual([
      expect.objectContaining({
        tag_name: 'v0.1.1',
        name: 'v0.1.1',
        body: planned.section,
        prerelease: false,
      }),
    ]);
    expect(writes().map(r => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      ['POST /repos/skyhop/payments-ledger/releases'],
    );
    expect(github.head()).toBe(head);
    expect(github.tags.size).toBe(2);

    const done = retry.plan({ bump: 'auto', date });
    await expect(done).rejects.toThrow(
      'Nothing to release: v0.1.1 is released already',
    );
    await expect(done).rejects.toMatchObject({ name: 'InputError' });
  });

  it('finishes a first release that failed after its tag', async () => {
    github.commit('feat: first endpoint');
    server.use(github.failsNextPost('/releases'));
    await expect(release()).rejects.toMatchObject({ status: 502 });

    const { plan, published } = await release();
    expect(plan).toMatchObject({
      version: '0.1.0',
      previousVersion: undefined,
      commits: 1,
    });
    expect(published.commitHash).toBe(github.head());
    expect(github.history(github.head()).map(c => c.message)).toEqual([
      'feat: first endpoint',
      'chore(release): v0.1.0',
    ]);
    expect(github.releases).toEqual([
      expect.objectContaining({ tag_name: 'v0.1.0', body: plan.section }),
    ]);
  });

  it('says a released head has nothing to release, and writes nothing', async () => {
    github.commit('feat: first endpoint');
    await release();
    requests = [];
    const refused = (await releaser()).plan({ bump: 'major', date });
    await expect(refused).rejects.toThrow(
      'Nothing to release: v0.1.0 is released already',
    );
    await expect(refused).rejects.toMatchObject({ name: 'InputError' });
    expect(writes()).toEqual([]);
  });

  it('refuses to finish a tagged release commit whose CHANGELOG lacks its section', async () => {
    github.commit('feat: first endpoint', {
      files: { 'CHANGELOG.md': '# Changelog\n' },
    });
    github.commit('chore(release): v0.1.0');
    github.tag('v0.1.0');
    const refused = (await releaser()).plan({ bump: 'auto', date });
    await expect(refused).rejects.toThrow(
      'The release commit of v0.1.0 has no 0.1.0 section in its CHANGELOG.md',
    );
    await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
    expect(github.releases).toEqual([]);
  });

  it('says when a repository cannot be found', async () => {
    server.resetHandlers(
      http.get('https://api.github.com/repos/:owner/:repo', () =>
        HttpResponse.json(
          {
            message: 'Not Found',
            documentation_url:
              'https://docs.github.com/rest/repos/repos#get-a-repository',
            status: '404',
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      (await releaser()).plan({ bump: 'auto', date }),
    ).rejects.toThrow(
      'No repository skyhop/payments-ledger on github.com, or its token may not read it',
    );
  });
});
