import { ParsedWorkflow } from './parseWorkflow';
import { workflowJobs } from './workflowJobs';
import { CheckResult } from './WorkflowFinding';

/**
 * Jobs without `timeout-minutes`: GitHub's default is six hours, so a hung
 * step holds a runner, and the required check, for that long. A job that
 * calls a reusable workflow cannot carry a timeout; the called workflow's
 * jobs do.
 */
export function findJobsWithoutTimeout(
  workflow: ParsedWorkflow,
): CheckResult[] {
  return workflowJobs(workflow)
    .filter(({ body }) => !body.has('timeout-minutes') && !body.has('uses'))
    .map(({ id }) => ({
      line: workflow.lineOf(id),
      message: `job "${id.value}" has no timeout-minutes (GitHub's default is 6 hours)`,
    }));
}
