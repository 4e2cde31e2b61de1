import {
  getManifestByReleaseLine,
  getManifestByVersion,
  ReleaseManifest,
} from '@backstage/release-manifests';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Which release set to move to, and where its manifest comes from. */
export type ManifestSource =
  | { kind: 'release'; version: string }
  | { kind: 'latest' }
  | { kind: 'file'; path: string };

const releaseManifestSchema = z.object({
  releaseVersion: z.string().min(1),
  packages: z.array(z.object({ name: z.string(), version: z.string() })),
});

/** Where a release's manifest can be downloaded, for an offline machine. */
export function manifestDownloadUrls(version?: string): string[] {
  const path = version
    ? `v1/releases/${version}/manifest.json`
    : 'v1/tags/main/manifest.json';
  return [
    `https://versions.backstage.io/${path}`,
    `https://raw.githubusercontent.com/backstage/versions/main/${path}`,
  ];
}

/**
 * The release manifest, from versions.backstage.io (GitHub as the fallback,
 * both through Backstage's own client) or from a file downloaded elsewhere.
 */
export async function loadReleaseManifest(
  source: ManifestSource,
): Promise<ReleaseManifest> {
  if (source.kind === 'file') {
    return readManifestFile(source.path);
  }
  const version = source.kind === 'release' ? source.version : undefined;
  let answer: unknown;
  try {
    answer = version
      ? await getManifestByVersion({ version })
      : await getManifestByReleaseLine({ releaseLine: 'main' });
  } catch (error) {
    throw new Error(`${describeFailure(error)}\n${offlineHint(version)}`);
  }
  return validated(answer, manifestDownloadUrls(version)[0]);
}

async function readManifestFile(path: string): Promise<ReleaseManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the manifest file ${path}: ${describeFailure(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `The manifest file ${path} is not JSON: ${describeFailure(error)}`,
    );
  }
  return validated(json, path);
}

function validated(json: unknown, from: string): ReleaseManifest {
  const parsed = releaseManifestSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `${from} is not a Backstage release manifest: ${
        issue.path.join('.') || 'the document'
      }: ${issue.message}`,
    );
  }
  return parsed.data;
}

function offlineHint(version?: string): string {
  return [
    'Without access to versions.backstage.io, download the manifest on another machine from',
    ...manifestDownloadUrls(version).map(url => `  ${url}`),
    'and pass it with --manifest-file <path>.',
  ].join('\n');
}

// fetch reports an unreachable host as "fetch failed", with the reason below.
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
