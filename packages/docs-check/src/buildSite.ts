import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MkdocsSite, shown } from './mkdocsSite';
import { Problem } from './checkSite';

const run = promisify(execFile);

/**
 * Builds the site with mkdocs in strict mode, as TechDocs will, into a
 * folder that is thrown away; each warning is a problem.
 */
export async function buildSite(
  site: MkdocsSite,
  mkdocs = process.env.MKDOCS ?? 'mkdocs',
): Promise<Problem[]> {
  const mkdocsYml = join(site.root, 'mkdocs.yml');
  const out = await mkdtemp(join(tmpdir(), 'docs-check-'));
  try {
    await run(
      mkdocs,
      ['build', '--strict', '--config-file', mkdocsYml, '--site-dir', out],
      { cwd: site.root, timeout: 120_000 },
    );
    return [];
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      return [
        {
          where: shown(mkdocsYml),
          message:
            'mkdocs is not installed, so the site cannot be built: apt-get install mkdocs mkdocs-material python3-pymdownx',
        },
      ];
    }
    const warnings = (failure.stderr ?? '')
      .split('\n')
      .filter(line => /^(WARNING|ERROR)\b/.test(line))
      .map(line => line.replace(/^(WARNING|ERROR)\s*-\s*/, ''));
    return (
      warnings.length ? warnings : [String(failure.stderr || failure)]
    ).map(message => ({
      where: shown(mkdocsYml),
      message: `mkdocs: ${message}`,
    }));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
