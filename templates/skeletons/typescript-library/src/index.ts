/**
 * @skyhop/${{ values.name }}: ${{ values.description }}
 *
 * Everything the package offers is exported from this file: it is the
 * package's only entry point (`exports` in package.json).
 */

/**
 * An example to replace with the library's own API: a Skyhop flight number
 * in its canonical form, as in `flightNumber('sh', 42)` → `SH0042`.
 */
export function flightNumber(airline: string, number: number): string {
  if (!/^[a-z0-9]{2}$/i.test(airline)) {
    throw new RangeError(`Not an airline code: ${airline}`);
  }
  if (!Number.isInteger(number) || number < 1 || number > 9999) {
    throw new RangeError(`Not a flight number: ${number}`);
  }
  return `${airline.toUpperCase()}${String(number).padStart(4, '0')}`;
}
