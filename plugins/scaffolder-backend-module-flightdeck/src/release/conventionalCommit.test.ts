import { parseConventionalCommit } from './conventionalCommit';

describe('parseConventionalCommit', () => {
  it('parses a header alone', () => {
    expect(parseConventionalCommit('feat: add the release action')).toEqual({
      type: 'feat',
      breaking: false,
      description: 'add the release action',
      footers: [],
      raw: 'feat: add the release action',
    });
  });

  it('parses a scope and a breaking mark, lower-casing the type only', () => {
    expect(parseConventionalCommit('FIX(Catalog API)!: drop v1\n')).toEqual({
      type: 'fix',
      scope: 'Catalog API',
      breaking: true,
      description: 'drop v1',
      footers: [],
      raw: 'FIX(Catalog API)!: drop v1\n',
    });
  });

  it('separates the body from the footers', () => {
    const message = [
      'fix(auth): refresh tokens before they expire',
      '',
      'Tokens used to expire mid-request.',
      'Now they are refreshed a minute early.',
      '',
      'See the incident for details.',
      '',
      'Reviewed-by: Ada',
      'Refs #133',
      'Co-authored-by: Grace <grace@example.com>',
    ].join('\n');
    expect(parseConventionalCommit(message)).toEqual({
      type: 'fix',
      scope: 'auth',
      breaking: false,
      description: 'refresh tokens before they expire',
      body: [
        'Tokens used to expire mid-request.',
        'Now they are refreshed a minute early.',
        '',
        'See the incident for details.',
      ].join('\n'),
      footers: [
        { token: 'Reviewed-by', value: 'Ada' },
        { token: 'Refs', value: '133' },
        { token: 'Co-authored-by', value: 'Grace <grace@example.com>' },
      ],
      raw: message,
    });
  });

  it('keeps multi-line footer values whole, blank lines included', () => {
    const parsed = parseConventionalCommit(
      [
        'feat!: read settings from app-config',
        '',
        'BREAKING CHANGE: the FLIGHTDECK_URL variable is gone.',
        'Set flightdeck.baseUrl instead.',
        '',
        'Existing deployments must update their config.',
        'Refs: #7',
      ].join('\n'),
    );
    expect(parsed?.body).toBeUndefined();
    expect(parsed?.footers).toEqual([
      {
        token: 'BREAKING CHANGE',
        value: [
          'the FLIGHTDECK_URL variable is gone.',
          'Set flightdeck.baseUrl instead.',
          '',
          'Existing deployments must update their config.',
        ].join('\n'),
      },
      { token: 'Refs', value: '#7' },
    ]);
  });

  it('starts the footers at the first paragraph that opens with one', () => {
    const parsed = parseConventionalCommit(
      'docs: explain releases\n\nIntro.\n\nNote: this is a footer\nstill the note\n\nFixes #3',
    );
    expect(parsed?.body).toBe('Intro.');
    expect(parsed?.footers).toEqual([
      { token: 'Note', value: 'this is a footer\nstill the note' },
      { token: 'Fixes', value: '3' },
    ]);
  });

  it('does not take a footer-like line inside a paragraph for a footer', () => {
    const parsed = parseConventionalCommit(
      'chore: tidy\n\nFirst line of the body\nNote: still the body',
    );
    expect(parsed?.body).toBe('First line of the body\nNote: still the body');
    expect(parsed?.footers).toEqual([]);
  });

  it.each([
    ['BREAKING CHANGE: the API changed', true],
    ['BREAKING-CHANGE: the API changed', true],
    ['BREAKING CHANGE #12', true],
    ['Breaking-Change: only upper case counts', false],
    ['breaking change: not a footer at all', false],
  ])('a footer %j makes the commit breaking: %j', (footer, breaking) => {
    expect(
      parseConventionalCommit(`refactor: rework\n\n${footer}`)?.breaking,
    ).toBe(breaking);
  });

  it('accepts CRLF line endings', () => {
    expect(
      parseConventionalCommit('perf: faster\r\n\r\nBody.\r\n\r\nRefs: #1\r\n'),
    ).toMatchObject({
      type: 'perf',
      description: 'faster',
      body: 'Body.',
      footers: [{ token: 'Refs', value: '#1' }],
    });
  });

  it.each([
    '',
    'Add the release action',
    "Merge branch 'main' into feature",
    'Revert "feat: add the release action"',
    'feat:no space',
    'feat : space before the colon',
    'feat: ',
    'feat():  empty scope',
    'feat( ): blank scope',
    'feat(a)(b): two scopes',
    'feat(a\nb): scope on two lines',
    '!feat: mark first',
    '1feat: starts with a digit',
  ])('rejects %j', message => {
    expect(parseConventionalCommit(message)).toBeUndefined();
  });
});
