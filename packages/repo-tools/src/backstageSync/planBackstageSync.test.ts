import { releaseManifest } from './__testUtils__/fakeBackstageVersions';
import {
  planBackstageSync,
  planChangesNothing,
  resolvedPackageName,
} from './planBackstageSync';

const release = releaseManifest('1.58.0', {
  '@backstage/cli': '0.37.0',
  '@backstage/backend-defaults': '0.20.0',
  '@backstage/core-plugin-api': '1.11.0',
  '@backstage/frontend-plugin-api': '1.1.0',
  '@techdocs/cli': '1.10.0',
});

describe('planBackstageSync', () => {
  it('moves every Backstage dependency, in every section, to the release', () => {
    const plan = planBackstageSync(
      [
        {
          path: 'package.json',
          json: {
            devDependencies: { '@backstage/cli': '0.36.8' },
            resolutions: { '@backstage/backend-defaults': '0.19.0' },
          },
        },
        {
          path: 'plugins/deployments/package.json',
          json: {
            dependencies: { '@backstage/frontend-plugin-api': '1.0.0' },
            peerDependencies: { '@backstage/core-plugin-api': '1.10.0' },
            devDependencies: { '@techdocs/cli': '1.9.0' },
          },
        },
      ],
      release,
      '1.57.0',
    );

    expect(plan).toEqual({
      fromRelease: '1.57.0',
      toRelease: '1.58.0',
      left: [],
      bumps: [
        {
          file: 'package.json',
          section: 'devDependencies',
          key: '@backstage/cli',
          name: '@backstage/cli',
          spec: '0.36.8',
          to: '0.37.0',
        },
        {
          file: 'package.json',
          section: 'resolutions',
          key: '@backstage/backend-defaults',
          name: '@backstage/backend-defaults',
          spec: '0.19.0',
          to: '0.20.0',
        },
        expect.objectContaining({
          section: 'dependencies',
          name: '@backstage/frontend-plugin-api',
          to: '1.1.0',
        }),
        expect.objectContaining({ name: '@techdocs/cli', to: '1.10.0' }),
        expect.objectContaining({
          section: 'peerDependencies',
          name: '@backstage/core-plugin-api',
          to: '1.11.0',
        }),
      ],
    });
  });

  it('keeps the range operator of each dependency', () => {
    const plan = planBackstageSync(
      [
        {
          path: 'plugins/x/package.json',
          json: {
            dependencies: {
              '@backstage/cli': '^0.36.8',
              '@backstage/core-plugin-api': '~1.10.0',
              '@backstage/frontend-plugin-api': 'npm:1.0.0',
            },
          },
        },
      ],
      release,
      '1.57.0',
    );
    expect(plan.bumps.map(bump => [bump.spec, bump.to])).toEqual([
      ['^0.36.8', '^0.37.0'],
      ['~1.10.0', '~1.11.0'],
      ['npm:1.0.0', 'npm:1.1.0'],
    ]);
  });

  it('moves resolutions written as patterns, and only the root ones', () => {
    const plan = planBackstageSync(
      [
        {
          path: 'package.json',
          json: {
            resolutions: {
              '**/@backstage/cli': '0.36.8',
              '@backstage/backend-defaults@^0.19.0': '0.19.0',
              '@types/react': '18.3.32',
            },
          },
        },
        {
          path: 'packages/app/package.json',
          json: { resolutions: { '@backstage/cli': '0.36.8' } },
        },
      ],
      release,
      '1.57.0',
    );
    expect(plan.bumps.map(bump => [bump.file, bump.key, bump.to])).toEqual([
      ['package.json', '**/@backstage/cli', '0.37.0'],
      ['package.json', '@backstage/backend-defaults@^0.19.0', '0.20.0'],
    ]);
  });

  it('reports the Backstage packages the release does not list, and specs it cannot move', () => {
    const plan = planBackstageSync(
      [
        {
          path: 'packages/app/package.json',
          json: {
            dependencies: {
              '@backstage/plugin-retired': '0.3.0',
              '@backstage-community/plugin-github-actions': '0.9.0',
              '@backstage/core-plugin-api': 'link:../core-plugin-api',
              '@flightdeck/plugin-deployments': 'workspace:^',
              react: '18.3.1',
            },
          },
        },
      ],
      release,
      '1.57.0',
    );
    expect(plan.bumps).toEqual([]);
    expect(plan.left.map(dep => [dep.name, dep.spec, dep.reason])).toEqual([
      ['@backstage/plugin-retired', '0.3.0', 'not in the release'],
      [
        '@backstage-community/plugin-github-actions',
        '0.9.0',
        'not in the release',
      ],
      [
        '@backstage/core-plugin-api',
        'link:../core-plugin-api',
        'not a version',
      ],
    ]);
  });

  it('changes nothing when the workspace is already on the release', () => {
    const files = [
      {
        path: 'package.json',
        json: { devDependencies: { '@backstage/cli': '0.37.0' } },
      },
    ];
    expect(
      planChangesNothing(planBackstageSync(files, release, '1.58.0')),
    ).toBe(true);
    // The versions match but backstage.json still names the old release.
    expect(
      planChangesNothing(planBackstageSync(files, release, '1.57.0')),
    ).toBe(false);
  });
});

describe('resolvedPackageName', () => {
  it.each([
    ['@backstage/cli', '@backstage/cli'],
    ['@backstage/cli@^0.36.0', '@backstage/cli'],
    ['**/@backstage/cli', '@backstage/cli'],
    ['@scope/parent@1.0.0/@backstage/cli@npm:0.36.8', '@backstage/cli'],
    ['parent/lodash', 'lodash'],
  ])('%s applies to %s', (pattern, name) => {
    expect(resolvedPackageName(pattern)).toBe(name);
  });
});
