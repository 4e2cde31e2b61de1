import {
  SharedConfigs,
  SharedConfigsManifest,
  SHARED_CONFIGS_MANIFEST_PATH,
} from '@flightdeck/shared-configs';
import { createHash } from 'node:crypto';

/** How a repository's configs compare with the current shared configs. */
export interface ConfigDrift {
  currentVersion: string;
  /** The version the repository recorded, if it ever received the configs. */
  recordedVersion?: string;
  /** Shared files the repository does not have. */
  missing: string[];
  /** Files whose content differs from the current version's. */
  changed: string[];
  upToDate: boolean;
}

const sha256 = (content: string) =>
  createHash('sha256').update(content).digest('hex');

/**
 * Compares a repository with the current configs. A file counts as changed
 * whether it was edited by hand or comes from an older version; the
 * recorded version tells the two apart for a reader.
 */
export async function detectDrift(
  configs: SharedConfigs,
  read: (path: string) => Promise<string | undefined>,
): Promise<ConfigDrift> {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const file of configs.files) {
    const content = await read(file.path);
    if (content === undefined) missing.push(file.path);
    else if (sha256(content) !== file.sha256) changed.push(file.path);
  }
  const recordedVersion = parseManifest(
    await read(SHARED_CONFIGS_MANIFEST_PATH),
  )?.version;
  return {
    currentVersion: configs.version,
    recordedVersion,
    missing,
    changed,
    upToDate:
      missing.length === 0 &&
      changed.length === 0 &&
      recordedVersion === configs.version,
  };
}

function parseManifest(
  text: string | undefined,
): SharedConfigsManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text);
    return typeof manifest?.version === 'string' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The manifest a repository records after receiving `configs`. */
export function manifestOf(configs: SharedConfigs): SharedConfigsManifest {
  return {
    version: configs.version,
    files: Object.fromEntries(configs.files.map(f => [f.path, f.sha256])),
  };
}

/** A few lines of Markdown for the template's output. */
export function describeDrift(drift: ConfigDrift): string {
  if (drift.upToDate) {
    return `Shared configs are up to date (version ${drift.currentVersion}).`;
  }
  const { recordedVersion, currentVersion } = drift;
  const lines = [
    recordedVersion === currentVersion
      ? `Shared configs drifted: the repository records the current version, ${currentVersion}, but its files were changed since.`
      : `Shared configs drifted: the repository has ${
          recordedVersion ? `version ${recordedVersion}` : 'no record'
        }, the current version is ${currentVersion}.`,
  ];
  if (drift.missing.length) {
    lines.push('', `Missing: ${drift.missing.map(p => `\`${p}\``).join(', ')}`);
  }
  if (drift.changed.length) {
    lines.push('', `Differ: ${drift.changed.map(p => `\`${p}\``).join(', ')}`);
  }
  return lines.join('\n');
}
