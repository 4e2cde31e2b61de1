import { versionTagsNewestFirst } from './versionTags';

describe('versionTagsNewestFirst', () => {
  it('keeps the SemVer tags, highest precedence first', () => {
    expect(
      versionTagsNewestFirst([
        'v1.9.0',
        'latest',
        'v1.10.0',
        '1.10.0-rc.1',
        'v2.0',
        'release-3.0.0',
        'v1.10.0+build.7',
        '0.9.0',
      ]),
    ).toEqual([
      { tag: 'v1.10.0+build.7', version: '1.10.0+build.7' },
      { tag: 'v1.10.0', version: '1.10.0' },
      { tag: '1.10.0-rc.1', version: '1.10.0-rc.1' },
      { tag: 'v1.9.0', version: '1.9.0' },
      { tag: '0.9.0', version: '0.9.0' },
    ]);
  });

  it('orders tags of the same precedence by name, whatever order they come in', () => {
    const tags = ['1.2.3', 'v1.2.3', '1.2.3+b'];
    const expected = ['v1.2.3', '1.2.3+b', '1.2.3'];
    expect(versionTagsNewestFirst(tags).map(t => t.tag)).toEqual(expected);
    expect(versionTagsNewestFirst([...tags].reverse()).map(t => t.tag)).toEqual(
      expected,
    );
    expect(versionTagsNewestFirst([])).toEqual([]);
  });
});
