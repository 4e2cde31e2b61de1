import {
  bumpFromCommits,
  compareVersions,
  formatVersion,
  nextVersion,
  parseVersion,
} from './version';

const commit = (type: string, breaking = false) => ({ type, breaking });

describe('parseVersion', () => {
  it('parses a version with or without its parts', () => {
    expect(parseVersion('1.2.3')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: [],
      build: [],
    });
    expect(parseVersion('v10.0.0-rc.1+build.007')).toEqual({
      major: 10,
      minor: 0,
      patch: 0,
      prerelease: ['rc', '1'],
      build: ['build', '007'],
    });
    expect(parseVersion('0.0.0-0a.x-y--z')?.prerelease).toEqual([
      '0a',
      'x-y--z',
    ]);
  });

  it.each([
    '',
    '1',
    '1.2',
    '1.2.3.4',
    '01.2.3',
    '1.02.3',
    '1.2.03',
    '1.2.3-',
    '1.2.3-01',
    '1.2.3-rc..1',
    '1.2.3-rc_1',
    '1.2.3+',
    '1.2.3+a..b',
    'V1.2.3',
    'vv1.2.3',
    'release-1.2.3',
    ' 1.2.3',
    '1.2.3\n',
    '-1.2.3',
    '9007199254740992.0.0',
  ])('rejects %j', text => {
    expect(parseVersion(text)).toBeUndefined();
  });

  it('formats what it parses, without the v', () => {
    expect(formatVersion(parseVersion('v1.0.0-alpha.1+sha.abc')!)).toBe(
      '1.0.0-alpha.1+sha.abc',
    );
  });
});

describe('compareVersions', () => {
  it('orders versions by SemVer precedence', () => {
    const ordered = [
      '0.9.0',
      '1.0.0-0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.9.0',
      '1.10.0',
      '2.0.0',
      '10.0.0',
    ];
    const shuffled = [...ordered].reverse();
    shuffled.push(shuffled.shift()!, shuffled.shift()!);
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
  });

  it('ignores build metadata and the v', () => {
    expect(compareVersions('1.0.0+a', 'v1.0.0+b')).toBe(0);
    expect(compareVersions('1.0.0-rc.1+a', '1.0.0-rc.1')).toBe(0);
  });

  it('compares numeric identifiers beyond 2^53 exactly', () => {
    expect(
      compareVersions('1.0.0-9007199254740993', '1.0.0-9007199254740992'),
    ).toBe(1);
    expect(compareVersions('1.0.0-99', '1.0.0-100')).toBe(-1);
  });

  it('puts numeric identifiers before any other, whatever their characters', () => {
    expect(compareVersions('1.0.0-99', '1.0.0--')).toBe(-1);
    expect(compareVersions('1.0.0-rc.A', '1.0.0-rc.1')).toBe(1);
  });

  it('throws for something that is not a version', () => {
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(
      new TypeError('"1.0" is not a semantic version'),
    );
  });
});

describe('bumpFromCommits', () => {
  it.each([
    [[commit('feat'), commit('chore', true)], 'major'],
    [[commit('fix'), commit('feat'), commit('docs')], 'minor'],
    [[commit('perf'), commit('chore')], 'patch'],
    [[commit('fix')], 'patch'],
    [[commit('docs'), commit('chore'), commit('refactor')], 'none'],
    [[], 'none'],
  ])('%j gives %s', (commits, bump) => {
    expect(bumpFromCommits(commits)).toBe(bump);
  });
});

describe('nextVersion', () => {
  it.each([
    // auto
    ['1.2.3', 'auto', [commit('fix'), commit('feat', true)], '2.0.0', 'major'],
    ['v1.2.3', 'auto', [commit('fix'), commit('feat')], '1.3.0', 'minor'],
    ['1.2.3', 'auto', [commit('perf')], '1.2.4', 'patch'],
    ['1.2.3', 'auto', [commit('docs')], '1.2.3', 'none'],
    ['v1.2.3+b.1', 'auto', [], '1.2.3+b.1', 'none'],
    // 0.y.z: a breaking change bumps the minor version...
    ['0.4.2', 'auto', [commit('fix', true)], '0.5.0', 'minor'],
    ['0.4.2', 'auto', [commit('feat')], '0.5.0', 'minor'],
    ['0.4.2', 'auto', [commit('fix')], '0.4.3', 'patch'],
    // ...unless the major bump is forced.
    ['0.4.2', 'major', [], '1.0.0', 'major'],
    // forced, whatever the commits
    ['1.2.3', 'major', [commit('docs')], '2.0.0', 'major'],
    ['1.2.3', 'minor', [commit('feat', true)], '1.3.0', 'minor'],
    ['1.2.3', 'patch', [], '1.2.4', 'patch'],
    ['1.2.3+build.9', 'patch', [], '1.2.4', 'patch'],
    // a pre-release is released when the bump does not go beyond it
    ['1.0.0-rc.1', 'patch', [], '1.0.0', 'patch'],
    ['1.0.0-rc.1', 'minor', [], '1.0.0', 'minor'],
    ['1.0.0-rc.1', 'major', [], '1.0.0', 'major'],
    ['1.0.0-rc.1', 'auto', [commit('feat', true)], '1.0.0', 'major'],
    ['1.2.0-rc.1', 'minor', [], '1.2.0', 'minor'],
    ['1.2.0-rc.1', 'major', [], '2.0.0', 'major'],
    ['1.2.3-rc.1', 'patch', [], '1.2.3', 'patch'],
    ['1.2.3-rc.1', 'minor', [], '1.3.0', 'minor'],
    ['1.0.0-rc.1', 'auto', [commit('chore')], '1.0.0-rc.1', 'none'],
    // first release
    [undefined, 'auto', [], '0.1.0', 'minor'],
    [undefined, 'auto', [commit('feat', true)], '0.1.0', 'minor'],
    [undefined, 'major', [], '1.0.0', 'major'],
    [undefined, 'minor', [], '0.1.0', 'minor'],
    [undefined, 'patch', [commit('feat')], '0.0.1', 'patch'],
  ] as const)(
    '%s, %s, %j gives %s (%s)',
    (current, bump, commits, version, applied) => {
      expect(nextVersion(current, bump, [...commits])).toEqual({
        version,
        bump: applied,
      });
    },
  );

  it('throws when the current version is not one', () => {
    expect(() => nextVersion('latest', 'patch', [])).toThrow(
      new TypeError('"latest" is not a semantic version'),
    );
  });
});
