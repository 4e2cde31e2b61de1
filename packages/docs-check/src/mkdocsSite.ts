import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

/** A TechDocs site: its mkdocs.yml and the pages its nav names. */
export interface MkdocsSite {
  /** The folder holding mkdocs.yml. */
  root: string;
  /** The pages folder, `docs_dir` (default `docs`). */
  docsDir: string;
  /** Nav entries, paths relative to the pages folder, in nav order. */
  nav: string[];
}

/** Reads a site's mkdocs.yml; Python tags such as `!!python/name` are kept as text. */
export async function readMkdocsSite(mkdocsYml: string): Promise<MkdocsSite> {
  const config = parse(await readFile(mkdocsYml, 'utf8'), {
    customTags: [
      {
        tag: 'tag:yaml.org,2002:python/name:',
        resolve: (value: string) => value,
      },
    ],
    strict: false,
    logLevel: 'error',
  }) as { docs_dir?: string; nav?: unknown };
  const root = dirname(mkdocsYml);
  return {
    root,
    docsDir: join(root, config.docs_dir ?? 'docs'),
    nav: navPages(config.nav),
  };
}

function navPages(nav: unknown): string[] {
  if (typeof nav === 'string') {
    return /^[a-z]+:\/\//i.test(nav) ? [] : [nav];
  }
  if (Array.isArray(nav)) return nav.flatMap(navPages);
  if (nav && typeof nav === 'object') {
    return Object.values(nav).flatMap(navPages);
  }
  return [];
}

/** A path for messages: relative to the working directory. */
export function shown(path: string): string {
  return relative(process.cwd(), path) || '.';
}
