// The parts of a CDEvent Flightdeck interprets: which service event it is,
// and the version its artifact names.
/** The service events Flightdeck records, by predicate. */
export const SERVICE_PREDICATES = [
  'deployed',
  'upgraded',
  'rolledback',
  'removed',
] as const;
export type ServicePredicate = (typeof SERVICE_PREDICATES)[number];

/** `dev.cdevents.service.deployed.0.3.0`: subject, predicate, event version. */
const SERVICE_TYPE =
  /^dev\.cdevents\.service\.(deployed|upgraded|rolledback|removed)\.\d+\.\d+\.\d+(-draft)?$/;

export function predicateOf(type: string): ServicePredicate | undefined {
  return SERVICE_TYPE.exec(type)?.[1] as ServicePredicate | undefined;
}

/**
 * The version in a package URL (`pkg:oci/payments-api@sha256%3Aab12...`
 * gives `sha256:ab12...`), or the identifier itself when it is not a purl
 * with a version, as the specification's plain digests are.
 */
export function versionOfArtifact(artifactId: string): string {
  if (!artifactId.startsWith('pkg:')) return artifactId;
  const withoutSuffix = artifactId.split(/[?#]/, 1)[0];
  const at = withoutSuffix.lastIndexOf('@');
  if (at < 0) return artifactId;
  try {
    return decodeURIComponent(withoutSuffix.slice(at + 1));
  } catch {
    return withoutSuffix.slice(at + 1);
  }
}
