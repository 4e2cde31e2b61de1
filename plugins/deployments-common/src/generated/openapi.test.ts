import fs from 'node:fs';
import {
  generateOpenApiTypes,
  REGENERATE_COMMAND,
  TYPES_PATH,
} from '../../scripts/generate-openapi-types';

/** Undefined when the two agree, else what to do about it. */
function staleness(committed: string, expected: string): string | undefined {
  if (committed === expected) return undefined;
  const committedLines = committed.split('\n');
  const expectedLines = expected.split('\n');
  const line = expectedLines.findIndex((l, i) => l !== committedLines[i]);
  return (
    `src/generated/openapi.ts is stale: openapi.yaml changed since it was generated ` +
    `(first difference at line ${line + 1}: expected ` +
    `${JSON.stringify(expectedLines[line])}, found ` +
    `${JSON.stringify(committedLines[line])}). Regenerate it with\n\n` +
    `  ${REGENERATE_COMMAND}\n`
  );
}

describe('src/generated/openapi.ts', () => {
  it('is what openapi.yaml generates today', async () => {
    const expected: string = await generateOpenApiTypes({ silent: true });
    const committed = fs.readFileSync(TYPES_PATH, 'utf8');
    expect(staleness(committed, expected)).toBeUndefined();
  }, 60_000);
});
