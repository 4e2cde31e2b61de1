/** What the exit status of `flightdeck-report` tells a pipeline. */
export const ExitCode = {
  /** Flightdeck has the event, newly recorded or already known. */
  Sent: 0,
  /** Arguments or environment are wrong; nothing was sent. */
  BadInput: 2,
  /** Flightdeck answered with an error that sending again cannot fix. */
  Refused: 3,
  /** Flightdeck could not be reached, or stayed busy, for every attempt. */
  GaveUp: 4,
} as const;

export type ExitStatus = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem to report to the user, with the exit status it ends with. */
export class ReportError extends Error {
  constructor(message: string, readonly exitCode: ExitStatus) {
    super(message);
    this.name = 'ReportError';
  }
}
