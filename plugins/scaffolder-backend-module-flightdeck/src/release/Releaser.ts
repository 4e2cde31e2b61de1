import type { ReleasePlan } from './releasePlan';
import type { RequestedBump } from './version';

/** What publishing a release wrote. */
export interface PublishedRelease {
  /** The commit that brings the release's CHANGELOG, which its tag names. */
  commitHash: string;
  /** The release's page, on hosts that have one. */
  releaseUrl?: string;
}

/**
 * Releases one repository, wherever it lives: first a plan, read from the
 * repository without writing anything, then the writes.
 */
export interface Releaser<P extends ReleasePlan = ReleasePlan> {
  /** The repository, as logs and outputs name it. */
  readonly repository: string;
  /** The key of the task checkpoint that keeps what a release wrote. */
  readonly checkpointKey: string;
  plan(options: { bump: RequestedBump; date: Date }): Promise<P>;
  /** Writes the release of `plan`: the CHANGELOG commit, the tag and more. */
  publish(plan: P): Promise<PublishedRelease>;
}
