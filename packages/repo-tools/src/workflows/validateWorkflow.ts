import { actionlintFindings } from './actionlintFindings';
import { findJobsWithoutTimeout } from './findJobsWithoutTimeout';
import { findUnpinnedActions } from './findUnpinnedActions';
import { parseWorkflow } from './parseWorkflow';
import { CheckResult, WorkflowFinding } from './WorkflowFinding';

/**
 * Everything wrong with one workflow file: YAML that does not parse, or
 * else third-party actions not pinned to an exact version, jobs without a
 * timeout, and what actionlint finds. Sorted by line.
 */
export async function validateWorkflow(
  text: string,
  file: string,
): Promise<WorkflowFinding[]> {
  const found = (check: WorkflowFinding['check'], results: CheckResult[]) =>
    results.map(result => ({ file, check, ...result }));

  const workflow = parseWorkflow(text);
  // actionlint would report the same syntax error again, less clearly.
  if (workflow.errors.length) return found('yaml', workflow.errors);

  return [
    ...found('pinning', findUnpinnedActions(workflow)),
    ...found('timeout', findJobsWithoutTimeout(workflow)),
    ...found('actionlint', await actionlintFindings(text, file)),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
