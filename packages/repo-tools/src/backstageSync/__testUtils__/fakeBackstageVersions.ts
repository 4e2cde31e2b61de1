import type { ReleaseManifest } from '@backstage/release-manifests';
import { http, HttpResponse } from 'msw';

/** A manifest as versions.backstage.io serves it. */
export function releaseManifest(
  releaseVersion: string,
  packages: Record<string, string>,
): ReleaseManifest {
  return {
    releaseVersion,
    packages: Object.entries(packages).map(([name, version]) => ({
      name,
      version,
    })),
  };
}

/**
 * msw handlers answering as versions.backstage.io does: each known release
 * under /v1/releases, the newest under /v1/tags/main, 404 for the rest.
 */
export function fakeBackstageVersions(releases: ReleaseManifest[]) {
  const requested: string[] = [];
  const newest = releases[releases.length - 1];
  const handlers = [
    http.get(
      'https://versions.backstage.io/v1/releases/:version/manifest.json',
      ({ request, params }) => {
        requested.push(request.url);
        const release = releases.find(r => r.releaseVersion === params.version);
        return release
          ? HttpResponse.json(release)
          : new HttpResponse('Not Found', { status: 404 });
      },
    ),
    http.get(
      'https://versions.backstage.io/v1/tags/:tag/manifest.json',
      ({ request, params }) => {
        requested.push(request.url);
        return params.tag === 'main' && newest
          ? HttpResponse.json(newest)
          : new HttpResponse('Not Found', { status: 404 });
      },
    ),
  ];
  return { handlers, requested };
}
