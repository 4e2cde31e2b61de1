/* eslint-disable no-console */
import { resolve } from 'node:path';
import { buildSite } from './buildSite';
import { checkSite, Problem } from './checkSite';
import { findSites } from './findSites';
import { readMkdocsSite, shown } from './mkdocsSite';

// flightdeck-docs-check [--no-build] [mkdocs.yml ...]
// Without files, every site under the working directory is checked.
async function main(args: string[]) {
  const build = !args.includes('--no-build');
  const files = args.filter(arg => !arg.startsWith('--'));
  const sites = files.length
    ? files.map(file => resolve(file))
    : await findSites(process.cwd());
  let failed = 0;
  for (const mkdocsYml of sites) {
    const site = await readMkdocsSite(mkdocsYml);
    const problems: Problem[] = await checkSite(site);
    if (build && problems.length === 0)
      problems.push(...(await buildSite(site)));
    if (problems.length) {
      failed += 1;
      console.error(`✘ ${shown(mkdocsYml)}`);
      for (const { where, message } of problems) {
        console.error(`  ${where}: ${message}`);
      }
    } else {
      console.log(`✔ ${shown(mkdocsYml)} (${site.nav.length} pages)`);
    }
  }
  console.log(
    `${sites.length - failed} of ${sites.length} TechDocs sites are fine`,
  );
  process.exitCode = failed ? 1 : 0;
}

main(process.argv.slice(2)).catch(error => {
  console.error(error);
  process.exitCode = 1;
});
