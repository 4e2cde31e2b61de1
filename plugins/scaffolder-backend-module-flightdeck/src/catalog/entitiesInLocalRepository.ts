import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { sameCodeRepository } from '@flightdeck/ingest-node';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { sourceRepositoryOf } from './sourceRepository';

/**
 * The catalog entities, as `credentials` see them, whose code lives in
 * repository `name` of the local git host, by {@link sourceRepositoryOf}.
 * Whether their claim on it is trusted is for the caller to judge.
 */
export async function entitiesInLocalRepository(
  name: string,
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    localGitHost: LocalGitHost;
  },
): Promise<Entity[]> {
  const { catalog, credentials, localGitHost } = options;
  const repository = { host: 'local', name } as const;
  // The catalog narrows by substring (of its lower-cased copies of the
  // annotations, which it leaves out beyond 200 characters); what the
  // repository really is, is decided here.
  const narrowed = catalog.streamEntities(
    {
      fullTextFilter: {
        term: `/api/local-git/${name}/`,
        fields: [ANNOTATION_SOURCE_LOCATION, ANNOTATION_LOCATION].map(
          annotation => `metadata.annotations.${annotation}`,
        ),
      },
    },
    { credentials },
  );
  const found: Entity[] = [];
  for await (const page of narrowed) {
    found.push(
      ...page.filter(entity => {
        try {
          return sameCodeRepository(
            sourceRepositoryOf(entity, { localGitHost }),
            repository,
          );
        } catch {
          // An entity that says nowhere (valid) where its code is.
          return false;
        }
      }),
    );
  }
  return found;
}
