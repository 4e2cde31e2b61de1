import { InputError } from '@backstage/errors';
import { z } from 'zod';

function describePath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

/**
 * Parses untrusted input with a zod schema. On failure throws an
 * `InputError` (400) whose message names every offending field, e.g.
 * `Invalid deployment event: events[2].status: Invalid option`.
 *
 * @public
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.slice(0, 10).map(issue => {
    const where = describePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more =
    result.error.issues.length > 10
      ? ` (and ${result.error.issues.length - 10} more)`
      : '';
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}${more}`);
}
