import type { ParsedCommit } from './conventionalCommit';
import { formatVersion, parseVersion } from './version';

/** A parsed commit with its sha (full or short), as the changelog shows it. */
export interface ChangelogCommit extends ParsedCommit {
  sha: string;
}

const GROUPS: Array<{ title: string; includes: (c: ParsedCommit) => boolean }> =
  [
    { title: 'Breaking changes', includes: c => c.breaking },
    { title: 'Features', includes: c => !c.breaking && c.type === 'feat' },
    { title: 'Fixes', includes: c => !c.breaking && c.type === 'fix' },
    { title: 'Performance', includes: c => !c.breaking && c.type === 'perf' },
  ];

const NO_CHANGES = 'No user-facing changes.';
const DEFAULT_TITLE = '# Changelog';
const SHORT_SHA_LENGTH = 7;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * Makes untrusted commit text inert in the middle of a Markdown line: one
 * line (so it cannot start a block of its own), no HTML (`<`, `>` and `&`
 * become entities), and a backslash before every character that could make
 * a link or an image (`[`, `]`), a code span, emphasis or a table cell.
 * Code spans are not kept because their content cannot be escaped: a
 * backtick shows as a backtick. Bare URLs may still be autolinked by GitHub,
 * which shows their target as it is.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .replace(/[\\`*_~[\]|]/g, c => `\\${c}`)
    .replace(/[&<>]/g, c => ENTITIES[c]);
}

function renderLine(commit: ChangelogCommit): string {
  const scope = commit.scope ? `**${escapeMarkdown(commit.scope)}:** ` : '';
  const sha = escapeMarkdown(commit.sha.slice(0, SHORT_SHA_LENGTH));
  const line = `- ${scope}${escapeMarkdown(commit.description)} (${sha})`;
  const notes = commit.footers
    .filter(f => f.token === 'BREAKING CHANGE' || f.token === 'BREAKING-CHANGE')
    .map(f => escapeMarkdown(f.value))
    .filter(note => note !== '');
  // On the same line, where the notes cannot start a block of their own.
  return notes.length ? `${line} — ${notes.join(' ')}` : line;
}

/**
 * Renders the CHANGELOG section of a release: a `## <version> (<date>)`
 * heading (the date in UTC), then the commits in groups, in this order:
 * Breaking changes, Features (`feat`), Fixes (`fix`), Performance (`perf`).
 * A breaking commit is listed only under Breaking changes, followed by the text
 * of its BREAKING CHANGE footers. Other types (chore, docs, ci...) are left out,
 * as they do not matter to a service's users and do not call for a release
 * either; when nothing is left, the section says so. Commits keep the order
 * they are given in. Throws a TypeError for an invalid version or date.
 */
export function renderChangelogSection(
  version: string,
  date: Date,
  commits: ChangelogCommit[],
): string {
  const parsed = parseVersion(version);
  if (!parsed) throw new TypeError(`"${version}" is not a semantic version`);
  if (Number.isNaN(date.getTime())) throw new TypeError('Invalid date');
  const heading = `## ${formatVersion(parsed)} (${date
    .toISOString()
    .slice(0, 10)})`;
  const blocks = GROUPS.flatMap(({ title, includes }) => {
    const lines = commits.filter(includes).map(renderLine);
    return lines.length ? [`### ${title}\n\n${lines.join('\n')}`] : [];
  });
  return `${[heading, ...(blocks.length ? blocks : [NO_CHANGES])].join(
    '\n\n',
  )}\n`;
}

// The version of a `## ...` heading: ours (`## 1.2.3 (2024-01-31)`) and the
// usual others (`## v1.2.3`, `## [1.2.3](https://...) (2024-01-31)`).
function headingVersion(line: string): string | undefined {
  const match = /^##\s+\[?v?([^\s\]()]+)/.exec(line);
  const parsed = match && parseVersion(match[1]);
  return parsed ? formatVersion(parsed) : undefined;
}

const isSectionHeading = (line: string) => /^##(\s|$)/.test(line);

/**
 * Adds a section from {@link renderChangelogSection} to a CHANGELOG (its
 * content, or undefined when there is none yet). The title (a first-line
 * `# ...` heading, or `# Changelog` when there is none) and any text before
 * the first section stay on top, and the new section comes first. When a
 * section for the same version exists, it is replaced where it stands, so
 * that running a release again does not add it twice.
 */
export function prependSection(
  existingChangelog: string | undefined,
  section: string,
): string {
  const lines = (existingChangelog ?? '').replace(/\r\n?/g, '\n').split('\n');
  const firstText = lines.findIndex(line => line.trim() !== '');
  const hasTitle = firstText !== -1 && /^#\s/.test(lines[firstText]);
  const title = hasTitle ? lines[firstText].trimEnd() : DEFAULT_TITLE;
  const body = hasTitle ? lines.slice(firstText + 1) : lines;

  const chunks: string[][] = [[]];
  for (const line of body) {
    if (isSectionHeading(line)) chunks.push([]);
    chunks[chunks.length - 1].push(line);
  }
  const [preamble, ...sections] = chunks.map(chunk => chunk.join('\n').trim());

  const newSection = section.replace(/\r\n?/g, '\n').trim();
  const version = headingVersion(newSection.split('\n')[0]);
  const same = sections.findIndex(
    s => version !== undefined && headingVersion(s) === version,
  );
  if (same === -1) sections.unshift(newSection);
  else sections[same] = newSection;

  return `${[title, preamble, ...sections]
    .filter(part => part !== '')
    .join('\n\n')}\n`;
}

/**
 * The section of `version` in a CHANGELOG, from its heading to the next
 * section's, as {@link renderChangelogSection} renders it; undefined when
 * the CHANGELOG has no section for that version. Throws a TypeError for an
 * invalid version.
 */
export function changelogSection(
  changelog: string,
  version: string,
): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) throw new TypeError(`"${version}" is not a semantic version`);
  const wanted = formatVersion(parsed);
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex(
    line => isSectionHeading(line) && headingVersion(line) === wanted,
  );
  if (start === -1) return undefined;
  const end = lines.findIndex((line, i) => i > start && isSectionHeading(line));
  const section = lines.slice(start, end === -1 ? undefined : end);
  return `${section.join('\n').trim()}\n`;
}
