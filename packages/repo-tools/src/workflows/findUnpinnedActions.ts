import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { actionPinningProblem } from './actionPinning';
import { ParsedWorkflow } from './parseWorkflow';
import { workflowJobs } from './workflowJobs';
import { CheckResult } from './WorkflowFinding';

/**
 * Every `uses:` of the workflow, a step's action or a job's reusable
 * workflow, that is not pinned to an exact version.
 */
export function findUnpinnedActions(workflow: ParsedWorkflow): CheckResult[] {
  const references: Scalar[] = [];
  for (const { body } of workflowJobs(workflow)) {
    const jobUses = body.get('uses', true);
    if (isScalar(jobUses)) references.push(jobUses);
    const steps = body.get('steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const stepUses = isMap(step) ? step.get('uses', true) : undefined;
      if (isScalar(stepUses)) references.push(stepUses);
    }
  }
  return references.flatMap(reference => {
    const problem = actionPinningProblem(String(reference.value));
    return problem
      ? [{ line: workflow.lineOf(reference), message: problem }]
      : [];
  });
}
