import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  CatalogEntityResolver,
  RepositoryTrust,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';

const SLUG = 'github.com/project-slug';

/**
 * The one entity a GitHub repository's deliveries belong to: of the
 * components annotated with its slug, the one whose claim on it is trusted (anyone may
 * register a copy of another team's slug). None is an unknown repository
 * (422, with why any claimant was not believed); two trusted claims are a
 * conflict an administrator settles (409).
 */
export async function repositoryEntity(
  slug: string,
  deps: {
    entities: Pick<CatalogEntityResolver, 'allByAnnotation'>;
    trust: RepositoryTrust;
  },
): Promise<Entity> {
  const [owner, repo] = slug.split('/');
  const claim = {
    repository: {
      host: 'github' as const,
      hostname: 'github.com',
      owner,
      repo,
    },
  };
  // A repository's API, system or resource often carries its slug too;
  // deployments happen to components.
  const claimants = (await deps.entities.allByAnnotation(SLUG, slug)).filter(
    entity => entity.kind.toLowerCase() === 'component',
  );
  const verdicts = claimants.map(entity => ({
    entity,
    ...deps.trust.verdict(entity, claim),
  }));
  const trusted = verdicts.filter(v => v.trusted).map(v => v.entity);
  if (trusted.length === 1) return trusted[0];
  if (trusted.length > 1) {
    const refs = trusted.map(entity => stringifyEntityRef(entity));
    throw new ConflictError(
      `${refs.slice(0, -1).join(', ')} and ${refs.at(-1)} ${
        refs.length === 2 ? 'both' : 'all'
      } claim the repository ${slug}; give it to one of them`,
    );
  }
  const reasons = verdicts.map(v => v.reason).filter(Boolean);
  throw new UnprocessableEntityError(
    reasons.length
      ? `No entity that may claim the repository ${slug} is in the catalog: ${reasons.join(
          '; ',
        )}`
      : `No entity in the catalog has the annotation ${SLUG}: ${slug}`,
  );
}
