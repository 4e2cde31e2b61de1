import { APIRequestContext, expect } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bearer, test } from './callers';
import { pushLocalGitRepository } from './localGitRepository';

// URLs and paths that try to make the portal read or write outside what
// they name: catalog locations and TechDocs sources on the local git host,
// and TechDocs pages.

const name = `security-probe-${Date.now().toString(36)}`;
let probeDir: string;
// Where git would write an archive if it took a path for its --output option.
let probeFile: string;
let optionFolder: string;
let fileUrl: (filePath: string) => string;

test.beforeAll(({ baseURL }) => {
  probeDir = mkdtempSync(path.join(tmpdir(), 'flightdeck-probe-'));
  probeFile = path.join(probeDir, 'written-by-git');
  optionFolder = `--output=${probeFile}`;
  fileUrl = filePath =>
    `${baseURL}/api/local-git/${name}/blob/main/${filePath}`;
  const entity = (docs: string) =>
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  annotations:',
      `    backstage.io/techdocs-ref: url:${docs}`,
      'spec:',
      '  type: service',
      '  lifecycle: experimental',
      '  owner: group:default/platform-engineering',
      '',
    ].join('\n');
  pushLocalGitRepository(name, {
    'catalog-info.yaml': entity(fileUrl(optionFolder)),
    [`${optionFolder}/catalog-info.yaml`]: entity(fileUrl(optionFolder)),
    [`${optionFolder}/docs/index.md`]: '# Probe\n',
    [`${optionFolder}/mkdocs.yml`]: 'site_name: Probe\n',
  });
});

test.afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

const register = (
  request: APIRequestContext,
  token: string,
  location: { type: string; target: string },
  dryRun = true,
) =>
  request.post(`/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`, {
    headers: bearer(token),
    data: location,
  });

test('a catalog location whose path starts with "-" is refused', async ({
  request,
  callers,
}) => {
  const response = await register(request, callers.user, {
    type: 'url',
    target: fileUrl(`${optionFolder}/catalog-info.yaml`),
  });
  expect(response.status()).toBe(400);
  expect(existsSync(probeFile)).toBe(false);
});

test('TechDocs never hands git a path that starts with "-"', async ({
  request,
  callers,
}) => {
  const registered = await register(
    request,
    callers.user,
    { type: 'url', target: fileUrl('catalog-info.yaml') },
    false,
  );
  expect(registered.status(), await registered.text()).toBe(201);
  try {
    await expect(async () => {
      const entity = await request.get(
        `/api/catalog/entities/by-name/component/default/${name}`,
        { headers: bearer(callers.user) },
      );
      expect(entity.status()).toBe(200);
    }).toPass({ timeout: 20_000 });

    // TechDocs reads the docs tree of the annotation: git archive <commit> <path>.
    const sync = await request.get(
      `/api/techdocs/sync/default/component/${name}`,
      { headers: bearer(callers.user) },
    );
    const events = await sync.text();
    expect(existsSync(probeFile)).toBe(false);
    expect(events).toContain('event: error');
  } finally {
    // The end-to-end tests count the catalog's components afterwards. Users
    // may not delete locations; ./flightdeck's local tools' token may.
    const { location } = await registered.json();
    const removed = await request.delete(
      `/api/catalog/locations/${location.id}`,
      { headers: bearer(process.env.FLIGHTDECK_LOCAL_TOKEN!) },
    );
    expect(removed.status()).toBe(204);
  }
});

test('a malformed % escape is refused with 400, naming the URL', async ({
  request,
  callers,
}) => {
  const target = fileUrl('%E0%A4%A');
  const response = await register(request, callers.user, {
    type: 'url',
    target,
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toContain(target);
});

test('".." cannot climb out of a repository or the git host', async ({
  request,
  callers,
  baseURL,
}) => {
  for (const target of [
    fileUrl('..%2F..%2F..%2Fsqlite%2Fcatalog.sqlite'),
    `${baseURL}/api/local-git/..%2Fsqlite/blob/main/catalog.sqlite`,
  ]) {
    const response = await register(request, callers.user, {
      type: 'url',
      target,
    });
    expect(response.status(), target).toBe(400);
  }
});

test('users cannot register a location on the portal’s own disk', async ({
  request,
  callers,
}) => {
  const response = await register(request, callers.user, {
    type: 'file',
    target: '/etc/passwd',
  });
  expect(response.status()).toBe(400);
});

test('TechDocs pages cannot reach files outside the docs', async ({
  request,
  callers,
}) => {
  const response = await request.get(
    '/api/techdocs/static/docs/default/component/flightdeck/..%2F..%2F..%2F..%2Fsqlite%2Fcatalog.sqlite',
    { headers: bearer(callers.user) },
  );
  expect(response.status()).toBe(404);
  expect((await response.body()).subarray(0, 15).toString()).not.toBe(
    'SQLite format 3',
  );
});
