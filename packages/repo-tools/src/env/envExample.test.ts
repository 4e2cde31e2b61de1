import { environmentVariables } from './environmentVariables';
import { readRepoFile } from './__testUtils__/repoFiles';

interface DocumentedVariable {
  name: string;
  shownValue: string;
  /** The comment block above the line, shared by the lines of one block. */
  comment: string;
}

// `# NAME=value` lines (no spaces: those are sentences of a comment), each
// with the comment block above it.
function documentedVariables(text: string): DocumentedVariable[] {
  const documented: DocumentedVariable[] = [];
  let comment: string[] = [];
  for (const line of text.split('\n')) {
    const variable = line.match(/^# ?([A-Z][A-Z0-9_]*)=(\S*)$/);
    if (variable) {
      documented.push({
        name: variable[1],
        shownValue: variable[2],
        comment: comment.join(' '),
      });
    } else if (line.startsWith('#')) {
      comment.push(line.replace(/^# ?/, ''));
    } else {
      comment = [];
    }
  }
  return documented;
}

const text = readRepoFile('.env.example');
const documented = documentedVariables(text);
const byName = new Map(documented.map(variable => [variable.name, variable]));

describe('.env.example', () => {
  it('documents exactly the variables of the schema', () => {
    const schemaNames = environmentVariables.map(variable => variable.name);
    expect({
      undocumented: schemaNames.filter(name => !byName.has(name)),
      notInSchema: documented
        .map(variable => variable.name)
        .filter(name => !schemaNames.includes(name)),
    }).toEqual({ undocumented: [], notInSchema: [] });
  });

  it('documents each variable once', () => {
    expect(documented.length).toBe(byName.size);
  });

  it('sets nothing when copied to .env as it is', () => {
    expect(text.match(/^[A-Za-z_][A-Za-z0-9_]*=.*$/gm)).toBeNull();
  });

  it.each(environmentVariables)('shows the default of $name', variable => {
    expect(byName.get(variable.name)?.shownValue).toBe(variable.default ?? '');
  });

  it.each(environmentVariables)(
    'says what $name is and its format',
    variable => {
      const comment = byName.get(variable.name)?.comment ?? '';
      expect(comment).toMatch(/Format: \S/);
      expect(comment.replace(/Format:.*/, '').trim()).not.toBe('');
    },
  );

  it.each(environmentVariables)(
    'marks $name as production only when it is',
    variable => {
      const comment = byName.get(variable.name)?.comment ?? '';
      expect(comment.includes('Production only')).toBe(
        !!variable.productionOnly,
      );
      expect(/required in production/i.test(comment)).toBe(
        !!variable.requiredInProduction && !variable.productionOnly,
      );
    },
  );
});
