import { ConflictError, InputError } from '@backstage/errors';
import type { Octokit } from '@octokit/rest';
import type { SourceRepository } from '../../catalog/sourceRepository';
import type { GitCommit } from '../gitHistory';
import { VersionTag, versionTagsNewestFirst } from '../versionTags';
import { httpStatusOf } from './httpStatus';

/** A repository on a GitHub host. */
export type GithubRepository = Omit<
  Extract<SourceRepository, { host: 'github' }>,
  'host'
>;

/** The most commits a release reads, so that a release stays a few requests. */
export const MAX_RELEASE_COMMITS = 1000;
/** How many version tags outside the branch's history are passed over. */
export const MAX_TAGS_OUTSIDE_BRANCH = 10;
const PER_PAGE = 100;

const toGitCommit = (commit: {
  sha: string;
  commit: { message: string; committer: { date?: string } | null };
}): GitCommit => ({
  sha: commit.sha,
  message: commit.commit.message.trimEnd(),
  // GitHub leaves the date out only for commits it cannot parse.
  committedAt: new Date(commit.commit.committer?.date ?? 0).toISOString(),
});

/**
 * Reads what a release needs from a GitHub repository through its REST API:
 * the default branch, tags, commits and files. Writes nothing.
 */
export class GithubHistory {
  private readonly name: string;

  constructor(
    private readonly octokit: Octokit,
    private readonly repository: GithubRepository,
  ) {
    this.name = `${repository.owner}/${repository.repo}`;
  }

  /**
   * The default branch, its last commit, that commit's message and its
   * first parent (undefined for a first commit).
   */
  async defaultBranch(): Promise<{
    branch: string;
    head: string;
    message: string;
    parent?: string;
  }> {
    const { owner, repo, hostname } = this.repository;
    let branch: string;
    try {
      branch = (await this.octokit.repos.get({ owner, repo })).data
        .default_branch;
    } catch (error) {
      if (httpStatusOf(error) === 404) {
        throw new InputError(
          `No repository ${this.name} on ${hostname}, or its token may not read it`,
          error,
        );
      }
      throw error;
    }
    try {
      const { data } = await this.octokit.repos.getCommit({
        owner,
        repo,
        ref: branch,
      });
      return {
        branch,
        head: data.sha,
        message: data.commit.message.trimEnd(),
        parent: data.parents[0]?.sha,
      };
    } catch (error) {
      // GitHub answers 409 for a repository without commits.
      if (httpStatusOf(error) === 409) {
        throw new InputError(
          `Nothing to release: ${this.name} is empty`,
          error,
        );
      }
      throw error;
    }
  }

  /** Every tag of the repository, by name, with the commit it names. */
  async tags(): Promise<Map<string, string>> {
    const { owner, repo } = this.repository;
    const tags = await this.octokit.paginate('GET /repos/{owner}/{repo}/tags', {
      owner,
      repo,
      per_page: PER_PAGE,
    });
    return new Map(tags.map(tag => [tag.name, tag.commit.sha]));
  }

  /**
   * The highest version tag (see {@link versionTagsNewestFirst}) in the
   * history of `head`, and the commits since it, oldest first; all of
   * `head`'s commits when no version tag is in its history. Higher version
   * tags outside that history are passed over, as git's `tag --merged`
   * does, up to {@link MAX_TAGS_OUTSIDE_BRANCH}.
   */
  async sinceLastVersion(
    tags: Map<string, string>,
    head: string,
  ): Promise<{ previous?: VersionTag; commits: GitCommit[] }> {
    const outside: string[] = [];
    for (const candidate of versionTagsNewestFirst(tags.keys())) {
      const commits = await this.commitsBetween(
        tags.get(candidate.tag)!,
        head,
        candidate.tag,
      );
      if (commits) return { previous: candidate, commits };
      outside.push(candidate.tag);
      if (outside.length === MAX_TAGS_OUTSIDE_BRANCH) {
        throw new ConflictError(
          `The ${outside.length} highest version tags of ${
            this.name
          } (${outside.join(
            ', ',
          )}) are all outside the history of its default branch: fix the tags before releasing`,
        );
      }
    }
    return { commits: await this.allCommits(head) };
  }

  /**
   * The commits of `head` since `base`, oldest first, as the compare API
   * gives them; undefined when `base` is not in the history of `head`.
   */
  private async commitsBetween(
    base: string,
    head: string,
    baseTag: string,
  ): Promise<GitCommit[] | undefined> {
    const { owner, repo } = this.repository;
    const commits: GitCommit[] = [];
    for (let page = 1; ; page++) {
      const { data } = await this.octokit.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: PER_PAGE,
        page,
      });
      if (data.status !== 'ahead' && data.status !== 'identical') {
        return undefined;
      }
      if (data.total_commits > MAX_RELEASE_COMMITS) {
        throw new InputError(
          `Too many commits to release: ${data.total_commits} since ${baseTag} in ${this.name}, more than ${MAX_RELEASE_COMMITS}; tag the last commit released with its version, then release again`,
        );
      }
      commits.push(...data.commits.map(toGitCommit));
      if (
        data.commits.length < PER_PAGE ||
        commits.length >= data.total_commits
      ) {
        return commits;
      }
    }
  }

  /** All commits of `head`, oldest first. */
  private async allCommits(head: string): Promise<GitCommit[]> {
    const { owner, repo } = this.repository;
    const commits: GitCommit[] = [];
    for await (const { data } of this.octokit.paginate.iterator(
      'GET /repos/{owner}/{repo}/commits',
      { owner, repo, sha: head, per_page: PER_PAGE },
    )) {
      commits.push(...data.map(toGitCommit));
      if (commits.length > MAX_RELEASE_COMMITS) {
        throw new InputError(
          `Too many commits to release: ${this.name} has more than ${MAX_RELEASE_COMMITS} commits and no version tag; tag the last commit released with its version (v0.0.0 if none was), then release again`,
        );
      }
    }
    // The API lists the newest first.
    return commits.reverse();
  }

  /** The page of the GitHub release of `tag`, or undefined when there is none. */
  async releaseUrl(tag: string): Promise<string | undefined> {
    const { owner, repo } = this.repository;
    try {
      const { data } = await this.octokit.repos.getReleaseByTag({
        owner,
        repo,
        tag,
      });
      return data.html_url;
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** A file at commit `ref`, or undefined when there is none. */
  async file(
    path: string,
    ref: string,
  ): Promise<{ content: string; sha: string } | undefined> {
    const { owner, repo } = this.repository;
    let data;
    try {
      ({ data } = await this.octokit.repos.getContent({
        owner,
        repo,
        path,
        ref,
      }));
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw error;
    }
    if (Array.isArray(data)) {
      throw new InputError(`${path} of ${this.name} is not a file`);
    }
    // GitHub answers a symlink to a file with that file, under its own path;
    // an update of the link would then fail on a sha that is not the link's.
    if (data.type === 'symlink' || data.path !== path) {
      const target = data.type === 'symlink' ? data.target : data.path;
      throw new InputError(
        `${path} of ${this.name} must be a regular file, but it is a symlink to ${target}`,
      );
    }
    if (data.type !== 'file') {
      throw new InputError(`${path} of ${this.name} is not a file`);
    }
    // Files over 1 MB come without their content.
    if (data.encoding !== 'base64') {
      throw new InputError(`${path} of ${this.name} is too large to update`);
    }
    return {
      content: Buffer.from(data.content, 'base64').toString('utf8'),
      sha: data.sha,
    };
  }
}
