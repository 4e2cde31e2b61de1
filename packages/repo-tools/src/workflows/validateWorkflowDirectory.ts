import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow } from './validateWorkflow';
import { WorkflowFinding } from './WorkflowFinding';

/**
 * Validates every workflow (`*.yml`, `*.yaml`) directly in a folder, as
 * GitHub reads them. Files are named by joining the folder as given to
 * their names; a folder that does not exist has no files.
 */
export async function validateWorkflowDirectory(
  directory: string,
): Promise<{ files: string[]; findings: WorkflowFinding[] }> {
  const names = await readdir(directory).catch(error => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = names
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => join(directory, name));
  const findings: WorkflowFinding[] = [];
  for (const file of files) {
    findings.push(
      ...(await validateWorkflow(await readFile(file, 'utf8'), file)),
    );
  }
  return { files, findings };
}
