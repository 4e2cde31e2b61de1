/**
 * The HTTP status GitHub answered a failed Octokit request with, or
 * undefined when `error` is not such a failure.
 */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}
