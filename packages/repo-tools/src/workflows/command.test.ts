import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './command';

const workflow = (uses: string) => `on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
      - uses: ${uses}
`;

describe('flightdeck-repo workflows', () => {
  let root: string;
  let output: string[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'workflows-'));
    output = [];
    const capture = (chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('prints each finding with its place and fails', async () => {
    const directory = join(root, 'workflows');
    await mkdir(directory);
    await writeFile(
      join(directory, 'a.yml'),
      workflow('actions/checkout@v6.0.2'),
    );
    await writeFile(join(directory, 'b.yaml'), workflow('actions/checkout@v4'));
    await writeFile(join(directory, 'notes.md'), 'not a workflow');

    expect(await run([directory])).toBe(1);
    expect(output.join('')).toBe(
      `${join(
        directory,
        'b.yaml',
      )}:7: actions/checkout@v4 is not pinned (v4 can move): pin it to an exact release tag (vX.Y.Z) or a full 40-character commit SHA\n` +
        'workflows: 1 finding(s) in 2 workflow files\n',
    );
  });

  it('passes a folder of sound workflows', async () => {
    await writeFile(join(root, 'ci.yml'), workflow('actions/checkout@v6.0.2'));

    expect(await run([root])).toBe(0);
    expect(output.join('')).toBe(
      'workflows: 1 workflow files, nothing found\n',
    );
  });

  it('fails when there is no workflow to validate', async () => {
    expect(await run([join(root, 'missing')])).toBe(1);
    expect(output.join('')).toContain('no workflow files in');
  });
});
