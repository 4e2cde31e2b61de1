import { validateWorkflowDirectory } from './validateWorkflowDirectory';

/**
 * `flightdeck-repo workflows [dir]`: validates the GitHub Actions workflows
 * in dir (default `.github/workflows`, from the repository root where
 * flightdeck-repo runs), prints one line per finding and a summary, and
 * fails when anything was found.
 */
export async function run(args: string[]): Promise<number> {
  const directory = args[0] ?? '.github/workflows';
  const { files, findings } = await validateWorkflowDirectory(directory);
  if (files.length === 0) {
    process.stderr.write(`workflows: no workflow files in ${directory}\n`);
    return 1;
  }
  for (const { file, line, message } of findings) {
    process.stdout.write(`${file}${line ? `:${line}` : ''}: ${message}\n`);
  }
  process.stdout.write(
    findings.length
      ? `workflows: ${findings.length} finding(s) in ${files.length} workflow files\n`
      : `workflows: ${files.length} workflow files, nothing found\n`,
  );
  return findings.length ? 1 : 0;
}
