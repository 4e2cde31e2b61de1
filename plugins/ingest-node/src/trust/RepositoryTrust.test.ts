import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { resolve } from 'node:path';
import { parseCodeRepository } from './CodeRepository';
import { RepositoryTrust } from './RepositoryTrust';

const payments = parseCodeRepository('skyhop/payments-api')!;

function registered(origin: string, location = origin, name = 'payments-api') {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-origin-location': origin,
        'backstage.io/managed-by-location': location,
      },
    },
    spec: {},
  } satisfies Entity;
}

const trustWith = (data: object = {}) =>
  RepositoryTrust.fromConfig(
    new ConfigReader({
      backend: { baseUrl: 'http://portal.test:7007' },
      integrations: { github: [{ host: 'ghe.skyhop.example' }] },
      catalog: {
        locations: [
          { type: 'file', target: '../../catalog/all.yaml' },
          { type: 'file', target: '../../templates/*.yaml' },
          {
            type: 'url',
            target: 'https://github.com/skyhop/catalog/blob/main/all.yaml',
          },
        ],
      },
      ...data,
    }),
  );

describe('RepositoryTrust', () => {
  it('trusts entities from the locations of catalog.locations, resolved as the catalog resolves them', () => {
    const trust = trustWith();
    for (const origin of [
      `file:${resolve('../../catalog/all.yaml')}`,
      `file:${resolve('../../templates/*.yaml')}`,
      'url:https://github.com/skyhop/catalog/blob/main/all.yaml',
    ]) {
      expect(
        trust.verdict(registered(origin, 'file:/anywhere.yaml'), {
          repository: payments,
        }),
      ).toEqual({ trusted: true });
    }
    expect(
      trust.verdict(registered('file:../../catalog/all.yaml'), {
        repository: payments,
      }).trusted,
    ).toBe(false);
  });

  it('trusts an administrator origin only for files the administrators wrote too', () => {
    const trust = trustWith();
    const adminFile = `file:${resolve('../../catalog/all.yaml')}`;
    const adminRepo =
      'url:https://github.com/skyhop/catalog/blob/main/all.yaml';
    const claim = { repository: payments };
    // A team's file that an administrator location points at: its claims
    // are its own repository's, not any repository's.
    expect(
      trust.verdict(
        registered(
          adminFile,
          'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml',
        ),
        claim,
      ),
    ).toEqual({
      trusted: false,
      reason: expect.stringContaining('component:default/payments-api'),
    });
    expect(
      trust.verdict(
        registered(
          adminRepo,
          'url:https://github.com/skyhop/catalog/blob/main/teams/payments.yaml',
        ),
        claim,
      ).trusted,
    ).toBe(true);
  });

  it('trusts the extra locations of flightdeck.trust.locations', () => {
    const origin = 'url:https://github.com/skyhop/more/blob/main/more.yaml';
    const claim = { repository: payments };
    expect(trustWith().verdict(registered(origin), claim).trusted).toBe(false);
    expect(
      trustWith({ flightdeck: { trust: { locations: [origin] } } }).verdict(
        registered(origin),
        claim,
      ).trusted,
    ).toBe(true);
  });

  it('trusts an entity whose catalog file lies in the repository it claims', () => {
    const trust = trustWith();
    const verdict = (location: string, repository: string) =>
      trust.verdict(registered(`url:${location}`), {
        repository: parseCodeRepository(repository)!,
      }).trusted;
    expect(
      verdict(
        'https://github.com/Skyhop/Payments-API/blob/main/catalog-info.yaml',
        'skyhop/payments-api',
      ),
    ).toBe(true);
    expect(
      verdict(
        'https://ghe.skyhop.example/team/svc/tree/release/1.x/catalog-info.yaml',
        'ghe.skyhop.example/team/svc',
      ),
    ).toBe(true);
    expect(
      verdict(
        'http://portal.test:7007/api/local-git/checkout/blob/main/catalog-info.yaml',
        'local:checkout',
      ),
    ).toBe(true);
  });

  it.each([
    [
      'another repository',
      'https://github.com/mallory/evil/blob/main/catalog-info.yaml',
    ],
    [
      'a path that climbs out of it',
      'https://github.com/skyhop/payments-api/../../mallory/evil/blob/main/x.yaml',
    ],
    [
      'a commit id, which a fork can supply',
      'https://github.com/skyhop/payments-api/blob/0123456789abcdef0123456789abcdef01234567/x.yaml',
    ],
    [
      'an abbreviated commit id',
      'https://github.com/skyhop/payments-api/blob/beef/x.yaml',
    ],
    [
      'a revision expression',
      'https://github.com/skyhop/payments-api/blob/main~0%5E%7B%7D/x.yaml',
    ],
    [
      'a pull request ref',
      'https://github.com/skyhop/payments-api/blob/refs/pull/7/head/x.yaml',
    ],
    [
      'a host that is no GitHub integration',
      'https://gitlab.example/skyhop/payments-api/blob/main/x.yaml',
    ],
  ])('refuses a catalog file in %s, saying why', (_, location) => {
    const verdict = trustWith().verdict(registered(`url:${location}`), {
      repository: payments,
    });
    expect(verdict).toEqual({
      trusted: false,
      reason: `component:default/payments-api may not act on skyhop/payments-api: it was registered from url:${location}, which is neither an administrator location nor inside skyhop/payments-api; an administrator can grant it in flightdeck.trust.repositories`,
    });
  });

  it('refuses another local repository', () => {
    const verdict = trustWith().verdict(
      registered(
        'url:http://portal.test:7007/api/local-git/mine/blob/main/catalog-info.yaml',
      ),
      { repository: parseCodeRepository('local:theirs')! },
    );
    expect(verdict.reason).toContain('may not act on local:theirs');
  });

  it('follows the grants of flightdeck.trust.repositories, workflows and refs included', () => {
    const trust = trustWith({
      flightdeck: {
        trust: {
          repositories: [
            {
              repository: 'skyhop/payments-api',
              entities: ['payments-api'],
              workflows: ['deploy.yml'],
              refs: ['main'],
            },
          ],
        },
      },
    });
    const outside = registered(
      'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml',
    );
    expect(
      trust.verdict(outside, {
        repository: payments,
        workflow: 'deploy.yml',
        ref: 'main',
      }).trusted,
    ).toBe(true);
    // A release names no workflow.
    expect(trust.verdict(outside, { repository: payments }).trusted).toBe(true);
    expect(
      trust.verdict(outside, {
        repository: payments,
        workflow: 'wipe.yml',
        ref: 'main',
      }).reason,
    ).toBe(
      'flightdeck.trust.repositories grants component:default/payments-api skyhop/payments-api only with the workflows and refs it lists, not the workflow wipe.yml on the ref main',
    );
    expect(
      trust.verdict(
        registered(
          outside.metadata.annotations[
            'backstage.io/managed-by-origin-location'
          ],
          undefined,
          'other',
        ),
        { repository: payments },
      ).trusted,
    ).toBe(false);
  });

  it('refuses an entity with no location, and throws NotAllowedError on request', () => {
    const bare: Entity = { ...registered('x'), metadata: { name: 'bare' } };
    expect(() =>
      trustWith().assertTrusted(bare, { repository: payments }),
    ).toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringContaining('registered from an unknown location'),
      }),
    );
  });

  it('refuses configuration that names no repository', () => {
    expect(() =>
      trustWith({
        flightdeck: {
          trust: { repositories: [{ repository: 'a/b/c/d', entities: [] }] },
        },
      }),
    ).toThrow("'a/b/c/d' is not a repository");
  });
});
