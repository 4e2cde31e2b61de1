import { isMap, isScalar, Pair, Scalar, YAMLMap } from 'yaml';
import { ParsedWorkflow } from './parseWorkflow';

/** A job of a workflow: its id's node and its body. */
export interface WorkflowJob {
  id: Scalar;
  body: YAMLMap;
}

/** The jobs of a workflow that are mappings, as GitHub requires. */
export function workflowJobs(workflow: ParsedWorkflow): WorkflowJob[] {
  const jobs = workflow.root?.get('jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((pair: Pair) =>
    isScalar(pair.key) && isMap(pair.value)
      ? [{ id: pair.key, body: pair.value }]
      : [],
  );
}
