/** Quotes `value` as one word for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell command that clones the bare repository at `barePath`. */
export function cloneCommand(barePath: string): string {
  return `git clone ${shellQuote(barePath)}`;
}

/**
 * A shell command that clones the bare repository at `barePath` into
 * folder `name` and shows what `branch` changes against `base`.
 */
export function compareCommand(options: {
  barePath: string;
  name: string;
  base: string;
  branch: string;
}): string {
  const { barePath, name, base, branch } = options;
  return `git clone --quiet ${shellQuote(barePath)} ${shellQuote(
    name,
  )} && git -C ${shellQuote(name)} diff ${shellQuote(
    `origin/${base}...origin/${branch}`,
  )}`;
}
