import { resolve } from 'node:path';
import { validateWorkflowDirectory } from './validateWorkflowDirectory';

describe("the repository's own workflows", () => {
  it('are all valid', async () => {
    const directory = resolve(__dirname, '../../../../.github/workflows');
    const { files, findings } = await validateWorkflowDirectory(directory);

    expect(files.map(file => file.slice(directory.length + 1))).toEqual(
      expect.arrayContaining(['ci.yml', 'release.yml', 'security.yml']),
    );
    expect(findings).toEqual([]);
  });
});
