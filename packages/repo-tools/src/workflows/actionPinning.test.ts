import { actionPinningProblem } from './actionPinning';

const SHA = 'de0fac2e4500dabe0009e67214ff5f5447ce83dd';
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('actionPinningProblem', () => {
  it.each([
    './.github/actions/setup',
    './.github/workflows/reusable.yml',
    'actions/checkout@v6.0.2',
    `actions/checkout@${SHA}`,
    'github/codeql-action/init@v4.37.3',
    `octo-org/ci/.github/workflows/build.yml@${SHA}`,
    `docker://alpine@${DIGEST}`,
    'docker://ghcr.io/octo-org/tool:1.4.2',
    'docker://node:22.11.0-bookworm-slim',
  ])('accepts %s', uses => {
    expect(actionPinningProblem(uses)).toBeUndefined();
  });

  it.each([
    ['actions/checkout@v4', 'v4 can move'],
    ['actions/checkout@v4.2', 'v4.2 can move'],
    ['actions/checkout@main', 'main can move'],
    ['actions/checkout@4.2.2', '4.2.2 can move'],
    [`actions/checkout@${SHA.slice(0, 7)}`, `${SHA.slice(0, 7)} can move`],
    ['actions/checkout', 'names no version'],
    ['octo-org/ci/.github/workflows/build.yml@main', 'main can move'],
  ])('rejects %s: %s', (uses, reason) => {
    expect(actionPinningProblem(uses)).toContain(reason);
  });

  it.each(['docker://alpine', 'docker://alpine:latest', 'docker://node:22'])(
    'rejects the image %s without a digest or an exact tag',
    uses => {
      expect(actionPinningProblem(uses)).toBe(
        `${uses} is not pinned: give the image an @sha256: digest or an exact version tag`,
      );
    },
  );
});
