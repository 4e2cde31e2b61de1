import { InputError } from '@backstage/errors';

const REPOSITORY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const BRANCH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/**
 * Throws an InputError unless `name` can name a repository on the local git
 * host: lower-case letters, digits, `.`, `_` and `-`, at most 100
 * characters, starting with a letter or digit, no `..`, not ending in `.git`.
 */
export function validateRepositoryName(name: string): void {
  const problem = repositoryNameProblem(name);
  if (problem) {
    throw new InputError(`Invalid repository name '${name}': ${problem}`);
  }
}

/** What is wrong with `name` as a repository name, or undefined. */
export function repositoryNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if (name.length > 100) return 'it is longer than 100 characters';
  if (!REPOSITORY_PATTERN.test(name)) {
    return 'use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit';
  }
  if (name.includes('..')) return 'it may not contain ".."';
  if (name.endsWith('.git')) {
    return 'leave out the ".git" ending, it is added for you';
  }
  return undefined;
}

/**
 * Throws an InputError unless `branch` can name a branch on the local git
 * host: a name git accepts (`git check-ref-format --branch`) made of
 * letters, digits, `.`, `_`, `-` and `/`, so that it can stand in a URL of
 * the host as it is.
 */
export function validateBranchName(branch: string): void {
  const refuse = (problem: string) => {
    throw new InputError(`Invalid branch name '${branch}': ${problem}`);
  };
  if (typeof branch !== 'string' || !BRANCH_PATTERN.test(branch)) {
    refuse(
      'use letters, digits, ".", "_", "-" and "/", starting with a letter or digit, up to 100 characters',
    );
  }
  if (branch.includes('..')) refuse('it may not contain ".."');
  if (branch.includes('//')) refuse('it may not contain "//"');
  if (branch.endsWith('/') || branch.endsWith('.')) {
    refuse('it may not end with "/" or "."');
  }
  for (const part of branch.split('/')) {
    if (part.startsWith('.') || part.endsWith('.lock')) {
      refuse('no part may start with "." or end with ".lock"');
    }
  }
  // The one name of these characters that git refuses besides.
  if (branch === 'HEAD') {
    refuse('git refuses it (see git check-ref-format)');
  }
}
