import { CommanderError } from 'commander';
import { ExitCode, ExitStatus, ReportError } from './exitCodes';
import { createProgram } from './program';
import { reportDeployment, Runtime } from './reportDeployment';

/** Runs `flightdeck-report` with `argv` (without node and the script). */
export async function main(argv: string[], runtime: Runtime): Promise<number> {
  let exitCode: ExitStatus = ExitCode.Sent;
  const program = createProgram(runtime, async command => {
    exitCode = await reportDeployment(command, runtime);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof ReportError) {
      runtime.stderr(`flightdeck-report: ${error.message}\n`);
      return error.exitCode;
    }
    // Commander has printed the usage error, or the help asked for.
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Sent : ExitCode.BadInput;
    }
    throw error;
  }
  return exitCode;
}
