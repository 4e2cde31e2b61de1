/** One thing wrong with a GitHub Actions workflow file. */
export interface WorkflowFinding {
  /** The file, named as it was given to the validator. */
  file: string;
  /** The 1-based line, when the finding has a place in the file. */
  line?: number;
  /** The check that found it. */
  check: 'yaml' | 'pinning' | 'timeout' | 'actionlint';
  message: string;
}

/** What one check reports: the validator adds the file and the check. */
export type CheckResult = Pick<WorkflowFinding, 'line' | 'message'>;
