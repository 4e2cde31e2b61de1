import { InputError } from '@backstage/errors';
import { join } from 'node:path';
import { runGit } from '../git/runGit';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { writeChangelogFile } from './changelogFile';
import { planRelease } from './planRelease';
import { PublishedRelease, Releaser } from './Releaser';
import {
  ReleasePlan,
  releaseCommitMessage,
  releaseTagMessage,
} from './releasePlan';
import { RequestedBump } from './version';

/** A release of a repository of the local git host, planned in a clone. */
export interface LocalReleasePlan extends ReleasePlan {
  /** The clone the plan was read from, where the release is written. */
  clone: string;
}

/**
 * Releases a repository of the local git host: it is cloned into a
 * temporary folder, and the release commit and its annotated tag are pushed
 * back together.
 */
export class LocalReleaser implements Releaser<LocalReleasePlan> {
  readonly repository: string;
  readonly checkpointKey: string;

  constructor(
    private readonly options: {
      host: LocalGitHost;
      name: string;
      author: { name: string; email: string };
      /** A new empty folder for the clone. */
      createTemporaryDirectory: () => Promise<string>;
      signal?: AbortSignal;
    },
  ) {
    this.repository = options.name;
    this.checkpointKey = `release.local.${options.name}`;
  }

  async plan(options: {
    bump: RequestedBump;
    date: Date;
  }): Promise<LocalReleasePlan> {
    const { host, name, signal } = this.options;
    const barePath = host.repositoryPath(name);
    if (!(await host.exists(name))) {
      throw new InputError(`No repository '${name}' on the local git host`);
    }
    const clone = join(
      await this.options.createTemporaryDirectory(),
      'repository',
    );
    await runGit(['clone', '--quiet', '--', barePath, clone], {
      cwd: host.directory,
      signal,
    });
    return {
      ...(await planRelease(clone, { ...options, repository: name, signal })),
      clone,
    };
  }

  async publish(plan: LocalReleasePlan): Promise<PublishedRelease> {
    const { author, signal } = this.options;
    const git = (...args: string[]) =>
      runGit(args, {
        cwd: plan.clone,
        signal,
        env: {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
        },
      });
    await writeChangelogFile(plan.clone, this.repository, plan.changelog);
    await git('add', 'CHANGELOG.md');
    await git('commit', '--quiet', '-m', releaseCommitMessage(plan));
    await git('tag', '--annotate', plan.tag, '-m', releaseTagMessage(plan));
    const branch = (await git('rev-parse', '--abbrev-ref', 'HEAD')).trim();
    // Both or neither: a tag without its commit, or the reverse, would
    // leave a history the next release cannot read.
    await git(
      'push',
      '--quiet',
      '--atomic',
      'origin',
      `HEAD:refs/heads/${branch}`,
      `refs/tags/${plan.tag}`,
    );
    return { commitHash: (await git('rev-parse', 'HEAD')).trim() };
  }
}
