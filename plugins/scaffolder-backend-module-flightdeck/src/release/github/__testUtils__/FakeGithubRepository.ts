import { http, HttpResponse } from 'msw';
import { posix } from 'node:path';
import {
  releasePayload,
  commitPayload,
  Data,
  DATE,
  gitSha,
  githubError as error,
  GitRest,
  page,
  paged,
  RepoUrls,
  Repos,
  UNSIGNED,
} from './githubPayloads';

interface FakeCommit {
  sha: string;
  message: string;
  parent?: string;
  /** Every file of the commit: its content and blob sha. */
  files: Map<string, FakeFile>;
}

/** A file, or with `symlink` a symlink whose content is its target. */
interface FakeFile {
  content: string;
  sha: string;
  symlink?: boolean;
}

/**
 * One GitHub repository behind msw handlers that answer as GitHub's REST API
 * documents it, for the endpoints a release uses: a commit graph with
 * branches and tags, files per commit, and what the writes create.
 */
export class FakeGithubRepository {
  readonly commits = new Map<string, FakeCommit>();
  readonly branches = new Map<string, string>();
  /** Tag name to the commit it names, and its tag object if annotated. */
  readonly tags = new Map<string, { commit: string; object?: string }>();
  /** Annotated tag objects by sha: the tag, its message and its commit. */
  readonly tagObjects = new Map<
    string,
    { tag: string; message: string; commit: string }
  >();
  readonly releases: Array<Data<Repos['createRelease']>> = [];
  /** Runs when a contents PUT arrives, before it is answered. */
  beforeFileUpdate?: () => void;
  private readonly api: string;
  private readonly web: string;

  constructor(
    readonly owner = 'skyhop',
    readonly repo = 'payments-ledger',
    options: { apiBaseUrl?: string; webBaseUrl?: string } = {},
  ) {
    this.api = `${
      options.apiBaseUrl ?? 'https://api.github.com'
    }/repos/${owner}/${repo}`;
    this.web = `${options.webBaseUrl ?? 'https://github.com'}/${owner}/${repo}`;
  }

  /**
   * Adds a commit on top of `branch` (a new branch starts from main), with
   * files changed, and symlinks (path to target, relative to the link).
   */
  commit(
    message: string,
    options: {
      branch?: string;
      files?: Record<string, string>;
      symlinks?: Record<string, string>;
    } = {},
  ): string {
    const branch = options.branch ?? 'main';
    const parent = this.branches.get(branch) ?? this.branches.get('main');
    const files = new Map(parent ? this.commits.get(parent)!.files : []);
    for (const [path, content] of Object.entries(options.files ?? {})) {
      files.set(path, { content, sha: gitSha('blob', content) });
    }
    for (const [path, target] of Object.entries(options.symlinks ?? {})) {
      files.set(path, {
        content: target,
        sha: gitSha('blob', target),
        symlink: true,
      });
    }
    const sha = gitSha('commit', `${parent}\n${message}\n${this.commits.size}`);
    this.commits.set(sha, { sha, message, parent, files });
    this.branches.set(branch, sha);
    return sha;
  }

  /** A lightweight tag on a commit, the head of main by default. */
  tag(name: string, commit = this.head()): void {
    this.tags.set(name, { commit });
  }

  head(branch = 'main'): string {
    return this.branches.get(branch)!;
  }

  file(path: string, ref = this.head()): string | undefined {
    return this.commits.get(this.resolve(ref)!)?.files.get(path)?.content;
  }

  /** The commits from the first to `sha`, oldest first. */
  history(sha: string): FakeCommit[] {
    const chain: FakeCommit[] = [];
    for (let c = this.commits.get(sha); c; c = this.commits.get(c.parent!)) {
      chain.unshift(c);
    }
    return chain;
  }

  private resolve(ref: string): string | undefined {
    return this.commits.has(ref)
      ? ref
      : this.branches.get(ref) ?? this.tags.get(ref)?.commit;
  }

  private get urls(): RepoUrls {
    return { api: this.api, web: this.web, owner: this.owner, repo: this.repo };
  }

  private commitJson(c: FakeCommit) {
    return commitPayload(this.urls, c);
  }

  /**
   * An msw handler, to put before {@link handlers}, with which GitHub fails
   * the next POST to `path` (under the repository's API) with a 502.
   */
  failsNextPost(path: string) {
    return http.post(`${this.api}${path}`, () => error(502, 'Server Error'), {
      once: true,
    });
  }

  /** The msw handlers of this repository's endpoints. */
  handlers() {
    const api = this.api;
    return [
      http.get(api, () => {
        const repository: Pick<
          Data<Repos['get']>,
          | 'id'
          | 'node_id'
          | 'name'
          | 'full_name'
          | 'private'
          | 'html_url'
          | 'url'
          | 'fork'
          | 'default_branch'
          | 'visibility'
        > = {
          id: 1296269,
          node_id: 'R_payments',
          name: this.repo,
          full_name: `${this.owner}/${this.repo}`,
          private: true,
          html_url: this.web,
          url: api,
          fork: false,
          default_branch: 'main',
          visibility: 'internal',
        };
        return HttpResponse.json(repository);
      }),
      http.get(`${api}/commits/:ref`, ({ params }) => {
        const sha = this.resolve(decodeURIComponent(String(params.ref)));
        if (!sha) {
          return error(422, `No commit found for SHA: ${params.ref}`);
        }
        return HttpResponse.json(this.commitJson(this.commits.get(sha)!));
      }),
      http.get(`${api}/commits`, ({ request }) => {
        const ref = new URL(request.url).searchParams.get('sha') ?? 'main';
        const newestFirst = this.history(this.resolve(ref)!).reverse();
        return paged(
          request,
          newestFirst.map(c => this.commitJson(c)),
        );
      }),
      http.get(`${api}/tags`, ({ request }) => {
        const tags: Data<Repos['listTags']> = [...this.tags].map(
          ([name, { commit }]) => ({
            name,
            commit: { sha: commit, url: `${api}/commits/${commit}` },
            zipball_url: `${api}/zipball/refs/tags/${name}`,
            tarball_url: `${api}/tarball/refs/tags/${name}`,
            node_id: `REF_${name}`,
          }),
        );
        return paged(request, tags);
      }),
      http.get(`${api}/compare/:basehead`, ({ request, params }) =>
        this.compare(request, String(params.basehead)),
      ),
      http.get(`${api}/contents/:path`, ({ request, params }) => {
        const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
        const files = this.commits.get(this.resolve(ref)!)!.files;
        const asked = String(params.path);
        const found = files.get(asked);
        if (!found) return error(404, 'Not Found');
        // A symlink to a regular file is answered with that file, under its
        // own path; any other symlink with the link itself.
        const target = found.symlink
          ? posix.join(posix.dirname(asked), found.content)
          : asked;
        const file = files.get(target);
        const urls = (path: string, sha: string) => ({
          url: `${api}/contents/${path}?ref=${ref}`,
          git_url: `${api}/git/blobs/${sha}`,
          html_url: `${this.web}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${this.owner}/${this.repo}/${ref}/${path}`,
          _links: {
            git: `${api}/git/blobs/${sha}`,
            html: `${this.web}/blob/${ref}/${path}`,
            self: `${api}/contents/${path}?ref=${ref}`,
          },
        });
        if (!file || file.symlink) {
          const link: Data<Repos['getContent']> = {
            type: 'symlink',
            target: found.content,
            size: Buffer.byteLength(found.content),
            name: posix.basename(asked),
            path: asked,
            sha: found.sha,
            ...urls(asked, found.sha),
          };
          return HttpResponse.json(link);
        }
        const content: Data<Repos['getContent']> = {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(file.content),
          name: posix.basename(target),
          path: target,
          // GitHub wraps the base64 text every 60 characters.
          content: Buffer.from(file.content)
            .toString('base64')
            .replace(/.{60}/g, '$&\n'),
          sha: file.sha,
          ...urls(target, file.sha),
        };
        return HttpResponse.json(content);
      }),
      http.put(`${api}/contents/:path`, async ({ request, params }) =>
        this.updateFile(String(params.path), (await request.json()) as any),
      ),
      http.post(`${api}/git/tags`, async ({ request }) => {
        const body = (await request.json()) as any;
        const sha = gitSha('tag', `${body.tag}\n${body.message}`);
        this.tagObjects.set(sha, {
          tag: body.tag,
          message: body.message,
          commit: body.object,
        });
        const tag: Data<GitRest['createTag']> = {
          node_id: `TAG_${body.tag}`,
          tag: body.tag,
          sha,
          url: `${api}/git/tags/${sha}`,
          message: body.message,
          tagger: { date: DATE, ...body.tagger },
          object: {
            sha: body.object,
            type: body.type,
            url: `${api}/git/commits/${body.object}`,
          },
          verification: UNSIGNED,
        };
        return HttpResponse.json(tag, { status: 201 });
      }),
      http.post(`${api}/git/refs`, async ({ request }) => {
        const body = (await request.json()) as { ref: string; sha: string };
        const name = body.ref.replace(/^refs\/tags\//, '');
        if (this.tags.has(name)) {
          return error(422, 'Reference already exists');
        }
        const object = this.tagObjects.get(body.sha);
        this.tags.set(
          name,
          object
            ? { commit: object.commit, object: body.sha }
            : { commit: body.sha },
        );
        const ref: Data<GitRest['createRef']> = {
          ref: body.ref,
          node_id: `REF_${name}`,
          url: `${api}/git/${body.ref}`,
          object: {
            type: object ? 'tag' : 'commit',
            sha: body.sha,
            url: `${api}/git/${object ? 'tags' : 'commits'}/${body.sha}`,
          },
        };
        return HttpResponse.json(ref, { status: 201 });
      }),
      http.get(`${api}/releases/tags/:tag`, ({ params }) => {
        const tag = decodeURIComponent(String(params.tag));
        const release = this.releases.find(r => r.tag_name === tag);
        return release ? HttpResponse.json(release) : error(404, 'Not Found');
      }),
      http.post(`${api}/releases`, async ({ request }) => {
        const body = (await request.json()) as any;
        if (
          !this.tags.has(body.tag_name) ||
          this.releases.some(r => r.tag_name === body.tag_name)
        ) {
          return error(422, 'Validation Failed');
        }
        const release = releasePayload(
          this.urls,
          1000 + this.releases.length,
          body,
        );
        this.releases.push(release);
        return HttpResponse.json(release, { status: 201 });
      }),
    ];
  }

  private compare(request: Request, basehead: string) {
    const [baseRef, headRef] = basehead.split('...');
    const base = this.resolve(baseRef);
    const head = this.resolve(headRef);
    if (!base || !head) return error(404, 'Not Found');
    const ofHead = this.history(head);
    const ofBase = this.history(base);
    const mergeBase = [...ofHead].reverse().find(c => ofBase.includes(c))!;
    const ahead = ofHead.slice(ofHead.indexOf(mergeBase) + 1);
    const behind = ofBase.slice(ofBase.indexOf(mergeBase) + 1);
    let status: 'ahead' | 'behind' | 'diverged' | 'identical' = 'identical';
    if (ahead.length && behind.length) status = 'diverged';
    else if (ahead.length) status = 'ahead';
    else if (behind.length) status = 'behind';
    const { items, link } = page(
      request,
      ahead.map(c => this.commitJson(c)),
    );
    const comparison: Data<Repos['compareCommitsWithBasehead']> = {
      url: `${this.api}/compare/${basehead}`,
      html_url: `${this.web}/compare/${basehead}`,
      permalink_url: `${this.web}/compare/${this.owner}:${base}...${this.owner}:${head}`,
      diff_url: `${this.web}/compare/${basehead}.diff`,
      patch_url: `${this.web}/compare/${basehead}.patch`,
      base_commit: this.commitJson(this.commits.get(base)!),
      merge_base_commit: this.commitJson(mergeBase),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: items,
      files: [],
    };
    return HttpResponse.json(comparison, { headers: link });
  }

  private updateFile(
    path: string,
    body: {
      message: string;
      content: string;
      sha?: string;
      branch?: string;
      author?: { name: string; email: string };
      committer?: { name: string; email: string };
    },
  ) {
    this.beforeFileUpdate?.();
    const branch = body.branch ?? 'main';
    const current = this.commits.get(this.head(branch))!.files.get(path);
    if (current && !body.sha) {
      return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    }
    if (current && body.sha !== current.sha) {
      return error(409, `${path} does not match ${body.sha}`);
    }
    const parent = this.head(branch);
    const content = Buffer.from(body.content, 'base64').toString('utf8');
    const sha = this.commit(body.message, {
      branch,
      files: { [path]: content },
    });
    const file = this.commits.get(sha)!.files.get(path)!;
    const person = { ...(body.committer ?? body.author)!, date: DATE };
    const result: Data<Repos['createOrUpdateFileContents']> = {
      content: {
        name: path,
        path,
        sha: file.sha,
        size: Buffer.byteLength(content),
        url: `${this.api}/contents/${path}`,
        html_url: `${this.web}/blob/${branch}/${path}`,
        git_url: `${this.api}/git/blobs/${file.sha}`,
        download_url: `https://raw.githubusercontent.com/${this.owner}/${this.repo}/${branch}/${path}`,
        type: 'file',
        _links: {
          self: `${this.api}/contents/${path}`,
          git: `${this.api}/git/blobs/${file.sha}`,
          html: `${this.web}/blob/${branch}/${path}`,
        },
      },
      commit: {
        sha,
        node_id: `C_${sha.slice(0, 12)}`,
        url: `${this.api}/git/commits/${sha}`,
        html_url: `${this.web}/commit/${sha}`,
        author: { ...(body.author ?? person), date: DATE },
        committer: person,
        message: body.message,
        tree: { url: `${this.api}/git/trees/x`, sha: gitSha('tree', sha) },
        parents: [
          {
            url: `${this.api}/git/commits/${parent}`,
            html_url: `${this.web}/commit/${parent}`,
            sha: parent,
          },
        ],
        verification: UNSIGNED,
      },
    };
    return HttpResponse.json(result, { status: current ? 200 : 201 });
  }
}
