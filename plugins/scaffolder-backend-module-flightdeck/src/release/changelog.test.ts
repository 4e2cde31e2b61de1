import {
  ChangelogCommit,
  changelogSection,
  escapeMarkdown,
  prependSection,
  renderChangelogSection,
} from './changelog';
import { parseConventionalCommit } from './conventionalCommit';

const commit = (sha: string, message: string): ChangelogCommit => ({
  ...parseConventionalCommit(message)!,
  sha,
});

const date = new Date('2024-03-05T23:30:00-05:00'); // 2024-03-06 in UTC

describe('renderChangelogSection', () => {
  it('groups the commits, breaking changes first, other types left out', () => {
    const commits = [
      commit('1111111aaaaaaaaa', 'fix(api): handle empty bodies'),
      commit('2222222bbbbbbbbb', 'chore: bump dependencies'),
      commit('3333333ccccccccc', 'feat: add the release action'),
      commit('4444444ddddddddd', 'perf(catalog): cache entity lookups'),
      commit(
        '5555555eeeeeeeee',
        'feat(api)!: drop v1 endpoints\n\nBREAKING CHANGE: clients must\nmove to /v2.',
      ),
      commit('6666666fffffffff', 'fix!: reject unknown fields'),
      commit('7777777000000000', 'docs: explain releases'),
      commit('8888888111111111', 'feat(ui): show the version'),
    ];
    expect(renderChangelogSection('1.4.0', date, commits)).toBe(
      [
        '## 1.4.0 (2024-03-06)',
        '',
        '### Breaking changes',
        '',
        '- **api:** drop v1 endpoints (5555555) — clients must move to /v2.',
        '- reject unknown fields (6666666)',
        '',
        '### Features',
        '',
        '- add the release action (3333333)',
        '- **ui:** show the version (8888888)',
        '',
        '### Fixes',
        '',
        '- **api:** handle empty bodies (1111111)',
        '',
        '### Performance',
        '',
        '- **catalog:** cache entity lookups (4444444)',
        '',
      ].join('\n'),
    );
  });

  it('says so when no commit matters to users', () => {
    expect(
      renderChangelogSection('v0.1.0', date, [
        commit('abcdef0123', 'chore: set up'),
      ]),
    ).toBe('## 0.1.0 (2024-03-06)\n\nNo user-facing changes.\n');
    expect(renderChangelogSection('0.1.1', date, [])).toBe(
      '## 0.1.1 (2024-03-06)\n\nNo user-facing changes.\n',
    );
  });

  it('never lets commit text inject HTML, links or formatting', () => {
    const section = renderChangelogSection('1.0.1', date, [
      commit(
        '<b>1234abc',
        'fix(<img src=x onerror=alert>): <script>alert("x")</script>\n\n' +
          'BREAKING CHANGE: [click](https://evil.example) ![i](https://x/i.png)',
      ),
      commit('def5678', 'feat(a*b_c): use `code` & **bold** ~~gone~~ | cell'),
    ]);
    expect(section).not.toMatch(/<(script|img|b)/i);
    // Every bracket is escaped, so no link or image can form.
    expect(section.replace(/\\[[\]]/g, '')).not.toMatch(/[[\]]/);
    expect(section).toBe(
      [
        '## 1.0.1 (2024-03-06)',
        '',
        '### Breaking changes',
        '',
        '- **&lt;img src=x onerror=alert&gt;:** &lt;script&gt;alert("x")&lt;/script&gt; (&lt;b&gt;1234) — \\[click\\](https://evil.example) !\\[i\\](https://x/i.png)',
        '',
        '### Features',
        '',
        '- **a\\*b\\_c:** use \\`code\\` &amp; \\*\\*bold\\*\\* \\~\\~gone\\~\\~ \\| cell (def5678)',
        '',
      ].join('\n'),
    );
  });

  it('rejects an invalid version or date', () => {
    expect(() => renderChangelogSection('next', date, [])).toThrow(
      new TypeError('"next" is not a semantic version'),
    );
    expect(() =>
      renderChangelogSection('1.0.0', new Date('someday'), []),
    ).toThrow(new TypeError('Invalid date'));
  });
});

describe('escapeMarkdown', () => {
  it('keeps the text on one line and escapes backslashes', () => {
    expect(escapeMarkdown('  one\r\n# two\u0007\tthree\\  ')).toBe(
      'one # two three\\\\',
    );
  });
});

describe('prependSection', () => {
  const section = (version: string, line = `- fix for ${version} (abc1234)`) =>
    `## ${version} (2024-03-06)\n\n### Fixes\n\n${line}\n`;

  it('starts a changelog', () => {
    expect(prependSection(undefined, section('0.1.0'))).toBe(
      '# Changelog\n\n## 0.1.0 (2024-03-06)\n\n### Fixes\n\n- fix for 0.1.0 (abc1234)\n',
    );
    expect(prependSection('\n', section('0.1.0'))).toBe(
      prependSection(undefined, section('0.1.0')),
    );
  });

  it('puts the new section first, under the title and the intro', () => {
    const existing = [
      '# Changelog of the payments service',
      '',
      'All notable changes, newest first.',
      '',
      '## 1.0.0 (2024-01-02)',
      '',
      '- first',
      '',
      '## [0.9.0](https://example.com/compare) (2023-12-01)',
      '- older',
      '',
    ].join('\n');
    expect(prependSection(existing, section('1.1.0'))).toBe(
      [
        '# Changelog of the payments service',
        '',
        'All notable changes, newest first.',
        '',
        '## 1.1.0 (2024-03-06)',
        '',
        '### Fixes',
        '',
        '- fix for 1.1.0 (abc1234)',
        '',
        '## 1.0.0 (2024-01-02)',
        '',
        '- first',
        '',
        '## [0.9.0](https://example.com/compare) (2023-12-01)',
        '- older',
        '',
      ].join('\n'),
    );
  });

  it('adds a title when there is none', () => {
    expect(
      prependSection('## v1.0.0\r\n\r\n- first\r\n', section('1.0.1')),
    ).toBe(
      '# Changelog\n\n## 1.0.1 (2024-03-06)\n\n### Fixes\n\n- fix for 1.0.1 (abc1234)\n\n## v1.0.0\n\n- first\n',
    );
  });

  it('replaces the section of the same version where it stands', () => {
    const existing = [
      '# Changelog',
      '',
      '## 1.2.0 (2024-03-01)',
      '',
      '- newer',
      '',
      '## [v1.1.0](https://example.com) (2024-02-01)',
      '',
      '- the first attempt',
      '',
      '## 1.1.0-rc.1 (2024-01-01)',
      '',
      '- a pre-release',
      '',
    ].join('\n');
    expect(prependSection(existing, section('1.1.0', '- again'))).toBe(
      [
        '# Changelog',
        '',
        '## 1.2.0 (2024-03-01)',
        '',
        '- newer',
        '',
        '## 1.1.0 (2024-03-06)',
        '',
        '### Fixes',
        '',
        '- again',
        '',
        '## 1.1.0-rc.1 (2024-01-01)',
        '',
        '- a pre-release',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = prependSection('# Changelog\n\n## 1.0.0\n', section('1.0.1'));
    expect(prependSection(once, section('1.0.1'))).toBe(once);
    expect(once.match(/## 1\.0\.1/g)).toHaveLength(1);
  });
});

describe('changelogSection', () => {
  const section = renderChangelogSection('1.3.0', date, [
    commit('1111111aaaaaaaaa', 'feat: add refunds'),
    commit('2222222bbbbbbbbb', 'fix: round amounts'),
  ]);
  const changelog = prependSection(
    '# Changelog\r\n\nIntro.\r\n\n## 1.2.0 (2024-01-02)\r\n\n- old\r\n',
    section,
  );

  it('reads back a section as it was rendered', () => {
    expect(changelogSection(changelog, '1.3.0')).toBe(section);
    expect(changelogSection(changelog, 'v1.3.0')).toBe(section);
    expect(changelogSection(changelog, '1.2.0')).toBe(
      '## 1.2.0 (2024-01-02)\n\n- old\n',
    );
  });

  it('finds nothing for a version without a section', () => {
    expect(changelogSection(changelog, '1.2.1')).toBeUndefined();
    expect(changelogSection('', '1.0.0')).toBeUndefined();
    expect(() => changelogSection(changelog, 'next')).toThrow(TypeError);
  });
});
