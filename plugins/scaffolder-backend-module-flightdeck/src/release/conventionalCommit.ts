/** A footer of a commit message, such as `Refs: #12` or `Fixes #12`. */
export interface CommitFooter {
  /** The token as written, e.g. `Reviewed-by` or `BREAKING CHANGE`. */
  token: string;
  /** The value, which may span several lines. */
  value: string;
}

/** A commit message that follows Conventional Commits 1.0.0. */
export interface ParsedCommit {
  /** The type, lower-cased: `feat`, `fix`, `chore`... */
  type: string;
  scope?: string;
  /** Whether the header has a `!` or a footer announces a breaking change. */
  breaking: boolean;
  description: string;
  body?: string;
  footers: CommitFooter[];
  /** The message as given. */
  raw: string;
}

const HEADER = /^([A-Za-z][A-Za-z0-9-]*)(?:\(([^()\n]*)\))?(!)?: (.*)$/;
// Tokens are single words (`-` stands for spaces), except BREAKING CHANGE.
const FOOTER = /^(BREAKING CHANGE|[A-Za-z][A-Za-z0-9-]*)(?:: | #)(.*)$/;
// Unlike other tokens, these are only recognised in upper case (spec §16).
const BREAKING_TOKENS = ['BREAKING CHANGE', 'BREAKING-CHANGE'];

/**
 * Parses a commit message as a Conventional Commit, or returns undefined
 * when its header is not `type(scope)!: description`.
 *
 * Footers start at the first paragraph whose first line is a footer; every
 * line after it that is not a footer itself continues the previous footer's
 * value, so multi-line and multi-paragraph footer values are kept whole.
 */
export function parseConventionalCommit(
  message: string,
): ParsedCommit | undefined {
  const lines = message.replace(/\r\n?/g, '\n').trim().split('\n');
  const header = HEADER.exec(lines[0]);
  if (!header) return undefined;
  const [, type, rawScope, bang, rawDescription] = header;
  const scope = rawScope?.trim();
  const description = rawDescription.trim();
  if (scope === '' || description === '') return undefined;

  const rest = lines.slice(1);
  const firstText = rest.findIndex(line => line.trim() !== '');
  const footerStart = rest.findIndex(
    (line, i) =>
      FOOTER.test(line) && (i === firstText || rest[i - 1].trim() === ''),
  );
  const bodyLines = footerStart === -1 ? rest : rest.slice(0, footerStart);
  const body = bodyLines.join('\n').trim();
  const footers =
    footerStart === -1 ? [] : parseFooters(rest.slice(footerStart));

  return {
    type: type.toLowerCase(),
    ...(scope !== undefined && { scope }),
    breaking:
      bang === '!' || footers.some(f => BREAKING_TOKENS.includes(f.token)),
    description,
    ...(body !== '' && { body }),
    footers,
    raw: message,
  };
}

function parseFooters(lines: string[]): CommitFooter[] {
  const footers: CommitFooter[] = [];
  for (const line of lines) {
    const match = FOOTER.exec(line);
    if (match) footers.push({ token: match[1], value: match[2] });
    else footers[footers.length - 1].value += `\n${line}`;
  }
  return footers.map(f => ({ token: f.token, value: f.value.trim() }));
}
