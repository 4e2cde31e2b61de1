import type { RestEndpointMethodTypes } from '@octokit/rest';
import { HttpResponse } from 'msw';
import { createHash } from 'node:crypto';

/** The documented response body of an Octokit endpoint. */
export type Data<T> = T extends { response: { data: infer D } } ? D : never;
export type Repos = RestEndpointMethodTypes['repos'];
export type GitRest = RestEndpointMethodTypes['git'];

/** Where a repository's API and web pages are. */
export interface RepoUrls {
  /** `<apiBaseUrl>/repos/<owner>/<repo>` */
  api: string;
  /** `<web>/<owner>/<repo>` */
  web: string;
  owner: string;
  repo: string;
}

export const DATE = '2024-03-06T12:00:00Z';

/** How GitHub describes an unsigned commit or tag. */
export const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
};

/** A git object id, computed as git does. */
export const gitSha = (kind: string, content: string) =>
  createHash('sha1')
    .update(`${kind} ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');

/** An error as GitHub answers it. */
export const githubError = (status: number, message: string) =>
  HttpResponse.json(
    {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: `${status}`,
    },
    { status },
  );

/** A commit, as the commits and compare endpoints give it. */
export function commitPayload(
  urls: RepoUrls,
  c: { sha: string; message: string; parent?: string },
): Data<Repos['getCommit']> {
  const { api, web } = urls;
  const person = { name: 'Dev', email: 'dev@skyhop.example', date: DATE };
  return {
    url: `${api}/commits/${c.sha}`,
    sha: c.sha,
    node_id: `C_${c.sha.slice(0, 12)}`,
    html_url: `${web}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: gitSha('tree', c.sha), url: `${api}/git/trees/x` },
      verification: UNSIGNED,
    },
    // Null when the emails belong to no GitHub account.
    author: null,
    committer: null,
    parents: c.parent
      ? [
          {
            sha: c.parent,
            url: `${api}/commits/${c.parent}`,
            html_url: `${web}/commit/${c.parent}`,
          },
        ]
      : [],
  };
}

/** The account the token belongs to. */
export function botUser(): Data<Repos['createRelease']>['author'] {
  const url = 'https://api.github.com/users/flightdeck-bot';
  return {
    login: 'flightdeck-bot',
    id: 4242,
    node_id: 'U_flightdeck',
    avatar_url: 'https://avatars.githubusercontent.com/u/4242',
    gravatar_id: '',
    url,
    html_url: 'https://github.com/flightdeck-bot',
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'Bot',
    site_admin: false,
  };
}

/** The release a createRelease request body makes. */
export function releasePayload(
  urls: RepoUrls,
  id: number,
  body: Repos['createRelease']['parameters'],
): Data<Repos['createRelease']> {
  const { api, web, owner, repo } = urls;
  return {
    url: `${api}/releases/${id}`,
    html_url: `${web}/releases/tag/${body.tag_name}`,
    assets_url: `${api}/releases/${id}/assets`,
    upload_url: `https://uploads.github.com/repos/${owner}/${repo}/releases/${id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${body.tag_name}`,
    zipball_url: `${api}/zipball/${body.tag_name}`,
    id,
    node_id: `RE_${id}`,
    tag_name: body.tag_name,
    target_commitish: body.target_commitish ?? 'main',
    name: body.name ?? null,
    body: body.body ?? null,
    draft: body.draft ?? false,
    prerelease: body.prerelease ?? false,
    created_at: DATE,
    published_at: DATE,
    author: botUser(),
    assets: [],
  };
}

/** A page of `all`, as `per_page` and `page` ask, with GitHub's Link header. */
export function page<T>(request: Request, all: T[]) {
  const url = new URL(request.url);
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
  const number = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const at = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return `<${target}>; rel="${rel}"`;
  };
  const links = [
    ...(number < last ? [at(number + 1, 'next'), at(last, 'last')] : []),
    ...(number > 1 ? [at(number - 1, 'prev'), at(1, 'first')] : []),
  ];
  return {
    items: all.slice((number - 1) * perPage, number * perPage),
    link: links.length ? { link: links.join(', ') } : undefined,
  };
}

/** A page of a list endpoint. */
export function paged<T>(request: Request, all: T[]) {
  const { items, link } = page(request, all);
  return HttpResponse.json(items, { headers: link });
}
