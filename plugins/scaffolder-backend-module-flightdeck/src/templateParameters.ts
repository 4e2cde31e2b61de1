/**
 * `value`, or undefined when it is empty or blank: a template passes an
 * empty string for a parameter the user left empty, which counts as not
 * given.
 */
export function given(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}
