import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { UnprocessableEntityError } from '../http/errors';

/**
 * Maps what an external system says about a service (an entity ref, a bare
 * service name, or a repository slug annotation) to catalog entities.
 * Found entities are cached briefly so that batches do not ask the catalog
 * once per event; unknown services are rejected with 422 naming them.
 *
 * @public
 */
export class CatalogEntityResolver {
  private readonly cache = new Map<
    string,
    { entity: Entity; expires: number }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  /** Resolves `component:default/payments-api`, or `payments-api` as a component. */
  async byRef(ref: string): Promise<Entity> {
    let normalised: string;
    try {
      normalised = stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new UnprocessableEntityError(`'${ref}' is not a valid entity ref`);
    }
    const entity = await this.cached(`ref:${normalised}`, async credentials =>
      this.catalog.getEntityByRef(normalised, { credentials }),
    );
    if (!entity) {
      throw new UnprocessableEntityError(
        `No entity '${normalised}' in the catalog`,
      );
    }
    return entity;
  }

  /**
   * Every entity whose `annotation` equals `value` (ignoring case), e.g.
   * all that claim a GitHub slug: anyone may register one, so the caller
   * decides which to believe. Not cached, so a new claimant shows at once.
   */
  async allByAnnotation(annotation: string, value: string): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      { filter: { [`metadata.annotations.${annotation}`]: value } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items;
  }

  private async cached(
    key: string,
    load: (
      credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    ) => Promise<Entity | undefined>,
  ): Promise<Entity | undefined> {
    const now = this.options.now?.() ?? Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) {
      return hit.entity;
    }
    const entity = await load(await this.auth.getOwnServiceCredentials());
    // Only hits are kept: a service missing now may be registered a moment
    // later (right after start the catalog is still ingesting), and a cached
    // miss would refuse its events for no reason.
    if (entity) {
      this.cache.set(key, {
        entity,
        expires: now + (this.options.ttlMs ?? 60_000),
      });
    } else {
      this.cache.delete(key);
    }
    return entity;
  }
}
