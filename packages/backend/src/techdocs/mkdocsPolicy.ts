import { assertError, NotAllowedError } from '@backstage/errors';
import yaml from 'js-yaml';

/**
 * The MkDocs plugins TechDocs' own sanitizer keeps (techdocs-node 2.3.0),
 * to which `techdocs.generator.mkdocs.dangerouslyAllowAdditionalPlugins`
 * adds: a plugin outside both would be dropped silently, so it is refused
 * out loud instead.
 */
export const DEFAULT_ALLOWED_PLUGINS: readonly string[] = [
  'techdocs-core',
  'search',
  'material/search',
  'redirects',
  'group',
  'material/group',
];

/** Where an administrator allows one more plugin. */
export const ALLOWED_PLUGINS_KEY =
  'techdocs.generator.mkdocs.dangerouslyAllowAdditionalPlugins';

/** A value written with a YAML tag, which MkDocs' loader may act on. */
class Tagged {
  constructor(readonly tag: string) {}
}

// Local tags (MkDocs' `!ENV` and `!relative`) and global ones
// (`!!python/...` is `tag:yaml.org,2002:python/...`) that the default schema
// does not know all land here, unbuilt.
const MKDOCS_SCHEMA = yaml.DEFAULT_SCHEMA.extend(
  ['!', 'tag:'].flatMap(prefix =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      kind =>
        new yaml.Type(prefix, {
          kind,
          multi: true,
          construct: (_data: unknown, tag?: string) =>
            new Tagged(tag ?? prefix),
        }),
    ),
  ),
);

const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, '!!');

function taggedValues(value: unknown, at: string): string[] {
  if (value instanceof Tagged) return [`${shortTag(value.tag)} at ${at}`];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => taggedValues(item, `${at}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      taggedValues(item, at ? `${at}.${key}` : key),
    );
  }
  return [];
}

/** Plugin names from `plugins:` as a list of names or settings, or a mapping. */
function pluginNames(plugins: unknown): string[] {
  const entries = Array.isArray(plugins) ? plugins : [plugins ?? {}];
  return entries.flatMap(entry =>
    typeof entry === 'string' ? [entry] : Object.keys(entry ?? {}),
  );
}

function refusals(
  config: Record<string, unknown>,
  allowedPlugins: readonly string[],
): string[] {
  const refused: string[] = [];
  if ('hooks' in config) refused.push('hooks (Python files MkDocs runs)');
  if ('INHERIT' in config) {
    refused.push('INHERIT (another file, which may name hooks)');
  }
  const theme = config.theme;
  if (theme && typeof theme === 'object' && 'custom_dir' in theme) {
    refused.push('theme.custom_dir (templates MkDocs runs as code)');
  }
  for (const name of pluginNames(config.plugins)) {
    if (!allowedPlugins.includes(name)) {
      refused.push(
        `plugin '${name}' (allowed: ${allowedPlugins.join(', ') || 'none'})`,
      );
    }
  }
  refused.push(
    ...taggedValues(config, '').map(
      tagged => `${tagged} (YAML tags can read the environment or run code)`,
    ),
  );
  return refused;
}

/**
 * Refuses an mkdocs.yml whose build would run code from its repository, or
 * read the portal's environment, in the backend's process: hooks, INHERIT,
 * a theme's custom_dir, plugins outside the allowlist, and YAML tags
 * (`!ENV`, `!!python/...`). TechDocs' own sanitizer drops some of these
 * silently and keeps `!ENV`; this says what was refused, and how to go on.
 */
export function checkMkdocsConfig(
  file: string,
  content: string,
  allowedPlugins: readonly string[],
): void {
  let config: unknown;
  try {
    config = yaml.load(content, { schema: MKDOCS_SCHEMA });
  } catch (error) {
    assertError(error);
    throw new NotAllowedError(
      `${file} is not valid YAML, so the portal does not build it: ${error.message}`,
    );
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) return;
  const refused = refusals(config as Record<string, unknown>, allowedPlugins);
  if (refused.length === 0) return;
  throw new NotAllowedError(
    `The portal does not build this site's ${file}, which names ${refused.join(
      '; ',
    )}. Add a plugin to ${ALLOWED_PLUGINS_KEY} in the app config once it is installed and trusted; hooks, INHERIT, theme.custom_dir and YAML tags are never built by the portal: build such a site in CI and publish it (docs/techdocs.md).`,
  );
}
