import { Entity } from '@backstage/catalog-model';

const RUNBOOK = 'flightdeck.io/runbook';
const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * Where a service's runbook is read, from `flightdeck.io/runbook`: an
 * http(s) URL as it is, or a page of the service's TechDocs site
 * (`docs/runbook.md`) at its place in the portal's docs reader, which
 * Backstage mounts at `/docs/<namespace>/<kind>/<name>/`. Undefined when
 * there is none, or when the annotation is neither.
 */
export function runbookLocation(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const runbook = annotations[RUNBOOK]?.trim();
  if (!runbook) return undefined;
  if (/^https?:\/\//i.test(runbook)) return runbook;
  if (!annotations[TECHDOCS_REF]) return undefined;
  const page = runbook
    .replace(/^(\.\/)?docs\//, '')
    .replace(/(index)?\.md$/, '')
    .replace(/^\/+|\/+$/g, '');
  if (page.split('/').some(part => part === '..')) return undefined;
  const { namespace = 'default', name } = entity.metadata;
  const path = [namespace, entity.kind, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
  return `/docs/${path}/${page.split('/').map(encodeURIComponent).join('/')}${
    page ? '/' : ''
  }`;
}
