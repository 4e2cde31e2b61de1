import { LoggerService } from '@backstage/backend-plugin-api';
import { assertError, ConflictError, InputError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { getOctokitOptions } from '@backstage/plugin-scaffolder-backend-module-github';
import { Octokit } from '@octokit/rest';
import { PublishedRelease, Releaser } from '../Releaser';
import {
  isReleaseCommit,
  planFromHistory,
  planFromReleaseCommit,
  ReleasePlan,
  releaseCommitMessage,
  releaseTagMessage,
} from '../releasePlan';
import { parseVersion, RequestedBump } from '../version';
import type { VersionTag } from '../versionTags';
import { GithubHistory, GithubRepository } from './githubHistory';
import { httpStatusOf } from './httpStatus';

const CHANGELOG = 'CHANGELOG.md';

/** A release of a GitHub repository, read from its default branch. */
export interface GithubReleasePlan extends ReleasePlan {
  branch: string;
  /** The commit of the branch the plan was read from. */
  head: string;
  /** The blob sha of CHANGELOG.md at `head`; undefined when there is none. */
  changelogSha?: string;
  /**
   * The release commit, when an earlier attempt committed and tagged it but
   * stopped before the GitHub release: publishing then creates only that.
   */
  releaseCommit?: string;
}

/**
 * Releases a repository on a GitHub host through its REST API: the
 * CHANGELOG commit on the default branch, an annotated tag on it, and a
 * GitHub release with the CHANGELOG section as its notes. A release that
 * stopped after its tag (GitHub failing to create the release) is finished
 * by the next plan and publish, without a second commit or tag.
 */
export class GithubReleaser implements Releaser<GithubReleasePlan> {
  /**
   * A releaser with the credentials of the host's integration (a token, or
   * a GitHub App installed on the repository's owner).
   */
  static async create(options: {
    integrations: ScmIntegrationRegistry;
    credentialsProvider: GithubCredentialsProvider;
    repository: GithubRepository;
    author: { name: string; email: string };
    logger: LoggerService;
  }): Promise<GithubReleaser> {
    const { integrations, credentialsProvider, repository } = options;
    const octokit = new Octokit(
      await getOctokitOptions({
        integrations,
        credentialsProvider,
        host: repository.hostname,
        owner: repository.owner,
        repo: repository.repo,
      }),
    );
    return new GithubReleaser({ ...options, octokit });
  }

  readonly repository: string;
  readonly checkpointKey: string;
  private readonly history: GithubHistory;

  constructor(
    private readonly options: {
      octokit: Octokit;
      repository: GithubRepository;
      author: { name: string; email: string };
      logger: LoggerService;
    },
  ) {
    const { hostname, owner, repo } = options.repository;
    this.repository = `${hostname}/${owner}/${repo}`;
    this.checkpointKey = `release.github.${owner}/${repo}`;
    this.history = new GithubHistory(options.octokit, options.repository);
  }

  async plan(options: {
    bump: RequestedBump;
    date: Date;
  }): Promise<GithubReleasePlan> {
    const branchHead = await this.history.defaultBranch();
    const { branch, head } = branchHead;
    const tags = await this.history.tags();
    const { previous, commits } = await this.history.sinceLastVersion(
      tags,
      head,
    );
    if (
      previous &&
      tags.get(previous.tag) === head &&
      isReleaseCommit(branchHead, previous.tag)
    ) {
      return this.planUnfinished(previous, tags, branchHead);
    }
    const changelog = await this.history.file(CHANGELOG, head);
    const plan = planFromHistory(
      {
        previous,
        commits,
        tags: new Set(tags.keys()),
        changelog: changelog?.content,
      },
      options,
    );
    return { ...plan, branch, head, changelogSha: changelog?.sha };
  }

  /**
   * The plan that finishes the release of the tag on the branch's head, its
   * release commit, when an earlier attempt stopped before the GitHub
   * release (on a GitHub error, say); refuses when that release exists.
   */
  private async planUnfinished(
    released: VersionTag,
    tags: Map<string, string>,
    branchHead: { branch: string; head: string; parent?: string },
  ): Promise<GithubReleasePlan> {
    const { branch, head, parent } = branchHead;
    if (await this.history.releaseUrl(released.tag)) {
      throw new InputError(
        `Nothing to release: ${released.tag} is released already`,
      );
    }
    // What the earlier attempt planned from: the history before the release
    // commit, where the tags on that commit were not yet.
    const before = new Map([...tags].filter(([, commit]) => commit !== head));
    const { previous, commits } = parent
      ? await this.history.sinceLastVersion(before, parent)
      : { previous: undefined, commits: [] };
    const changelog = await this.history.file(CHANGELOG, head);
    const plan = planFromReleaseCommit({
      released,
      previous,
      commits,
      changelog: changelog?.content,
    });
    this.options.logger.info(
      `${released.tag} of ${this.repository} was committed and tagged (${head}) by an earlier attempt that stopped before its GitHub release: creating that release`,
    );
    return {
      ...plan,
      branch,
      head,
      changelogSha: changelog?.sha,
      releaseCommit: head,
    };
  }

  async publish(plan: GithubReleasePlan): Promise<PublishedRelease> {
    const { octokit, repository } = this.options;
    const { owner, repo } = repository;
    const commitHash = plan.releaseCommit ?? (await this.commitAndTag(plan));
    const { data: release } = await octokit.repos.createRelease({
      owner,
      repo,
      tag_name: plan.tag,
      name: plan.tag,
      body: plan.section,
      prerelease: parseVersion(plan.version)!.prerelease.length > 0,
    });
    return { commitHash, releaseUrl: release.html_url };
  }

  /** Commits the new CHANGELOG.md and tags it; resolves with the commit. */
  private async commitAndTag(plan: GithubReleasePlan): Promise<string> {
    const { octokit, repository } = this.options;
    const { owner, repo } = repository;
    const commitHash = await this.commitChangelog(plan);
    const { data: tag } = await octokit.git.createTag({
      owner,
      repo,
      tag: plan.tag,
      message: releaseTagMessage(plan),
      object: commitHash,
      type: 'commit',
      tagger: this.options.author,
    });
    try {
      await octokit.git.createRef({
        owner,
        repo,
        ref: `refs/tags/${plan.tag}`,
        sha: tag.sha,
      });
    } catch (error) {
      if (httpStatusOf(error) === 422) {
        throw new ConflictError(
          `Tag ${plan.tag} was created in ${this.repository} while releasing: the release commit ${commitHash} is on ${plan.branch} without its tag`,
          error,
        );
      }
      throw error;
    }
    return commitHash;
  }

  /** Commits the new CHANGELOG.md on the branch; resolves with the commit. */
  private async commitChangelog(plan: GithubReleasePlan): Promise<string> {
    const { octokit, repository, author, logger } = this.options;
    let commit;
    try {
      ({
        data: { commit },
      } = await octokit.repos.createOrUpdateFileContents({
        owner: repository.owner,
        repo: repository.repo,
        path: CHANGELOG,
        branch: plan.branch,
        message: releaseCommitMessage(plan),
        content: Buffer.from(plan.changelog, 'utf8').toString('base64'),
        // GitHub refuses the commit when the file is no longer this one.
        ...(plan.changelogSha && { sha: plan.changelogSha }),
        author,
        committer: author,
      }));
    } catch (error) {
      assertError(error);
      const status = httpStatusOf(error);
      if (status === 409 || status === 422) {
        // GitHub's words go in the message itself, where the reader needs
        // them before the advice to retry.
        throw new ConflictError(
          `${plan.branch} of ${this.repository} moved while ${plan.tag} was planned, and GitHub refused the CHANGELOG commit (${error.message}): retry the release`,
        );
      }
      throw error;
    }
    if (commit.parents?.[0]?.sha !== plan.head) {
      logger.warn(
        `${plan.branch} of ${this.repository} moved while ${plan.tag} was planned: it brings commits after ${plan.head} that its CHANGELOG section does not list`,
      );
    }
    return commit.sha!;
  }
}
