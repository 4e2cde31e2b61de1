import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { MarkdownPage, parseMarkdownPage } from './markdownPage';
import { MkdocsSite, shown } from './mkdocsSite';

/** One thing wrong with a site, where it is and what. */
export interface Problem {
  where: string;
  message: string;
}

/** The sections every runbook has, in this order. */
export const RUNBOOK_SECTIONS = [
  'When to use it',
  'Steps',
  'How to verify',
  'How to back out',
];

/**
 * Checks a site without building it: the nav names pages that exist and
 * every page is in the nav; links between pages and their anchors resolve;
 * images exist; each runbook (a page of `runbooks/` but its index, or a
 * `runbook.md`) has the runbook sections.
 */
export async function checkSite(site: MkdocsSite): Promise<Problem[]> {
  const problems: Problem[] = [];
  const files = await markdownFiles(site.docsDir);
  const pages = new Map<string, MarkdownPage>();
  for (const file of files) {
    pages.set(
      file,
      parseMarkdownPage(await readFile(join(site.docsDir, file), 'utf8')),
    );
  }

  const mkdocsYml = shown(join(site.root, 'mkdocs.yml'));
  for (const entry of site.nav) {
    if (!pages.has(normalize(entry))) {
      problems.push({
        where: mkdocsYml,
        message: `the nav names ${entry}, which is not in ${shown(
          site.docsDir,
        )}`,
      });
    }
  }
  const inNav = new Set(site.nav.map(entry => normalize(entry)));
  for (const file of files) {
    if (!inNav.has(file)) {
      problems.push({
        where: shown(join(site.docsDir, file)),
        message: 'the page is not in the nav of mkdocs.yml',
      });
    }
  }

  for (const [file, page] of pages) {
    const where = (line: number) =>
      `${shown(join(site.docsDir, file))}:${line}`;
    for (const link of page.links) {
      const problem = linkProblem(file, link.href, link.image, pages, site);
      if (problem) problems.push({ where: where(link.line), message: problem });
    }
    if (isRunbook(file)) {
      const problem = runbookProblem(page);
      if (problem) problems.push({ where: where(1), message: problem });
    }
  }
  return problems;
}

function linkProblem(
  from: string,
  href: string,
  image: boolean,
  pages: Map<string, MarkdownPage>,
  site: MkdocsSite,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    return undefined; // another site: not this check's to judge
  }
  const [rawPath, anchor] = href.split('#', 2);
  const path = decodeURIComponent(rawPath);
  if (path.startsWith('/')) {
    return `link to ${href}: use a path relative to the page, so that it works in TechDocs`;
  }
  const target = path ? normalize(join(dirname(from), path)) : from;
  if (target.startsWith('..')) {
    return `link to ${href} leaves ${shown(site.docsDir)}`;
  }
  if (image || !target.endsWith('.md')) {
    return existsSync(join(site.docsDir, target))
      ? undefined
      : `link to ${href}: ${target} does not exist`;
  }
  const page = pages.get(target);
  if (!page) return `link to ${href}: there is no page ${target}`;
  if (anchor && !page.headings.some(h => h.anchor === anchor)) {
    return `link to ${href}: ${target} has no heading with the anchor #${anchor}`;
  }
  return undefined;
}

/** The pages of a `runbooks/` folder but its index, and a service's `runbook.md`. */
function isRunbook(file: string): boolean {
  const name = basename(file);
  return (
    name === 'runbook.md' ||
    (file.startsWith(`runbooks${sep}`) && name !== 'index.md')
  );
}

function runbookProblem(page: MarkdownPage): string | undefined {
  const sections = page.headings.filter(h => h.level === 2).map(h => h.text);
  const found = sections.slice(0, RUNBOOK_SECTIONS.length);
  if (found.join('\n') === RUNBOOK_SECTIONS.join('\n')) return undefined;
  return `a runbook starts with the sections ${RUNBOOK_SECTIONS.map(
    s => `"${s}"`,
  ).join(', ')}; this one has ${
    sections.length ? sections.map(s => `"${s}"`).join(', ') : 'none'
  }`;
}

async function markdownFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await markdownFiles(dir, path)));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files.sort();
}
