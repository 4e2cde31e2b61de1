export interface Config {
  flightdeck?: {
    /**
     * The environments services are deployed to, in promotion order. Exactly
     * one is marked production; DORA metrics are computed for it.
     * Defaults to development, staging, production.
     */
    environments?: Array<{
      /** The name events use, e.g. `staging`. */
      name: string;
      /** Whether this is the production environment. */
      production?: boolean;
    }>;
    ingest?: {
      /**
       * How many days the ingestion routes remember an event's idempotency
       * key; a delivery retried within them changes nothing. Default 30.
       */
      idempotencyKeyRetentionDays?: number;
    };
    /**
     * Which entities the portal acts on a repository for. Anyone may
     * register an entity annotated with any repository
     * (`github.com/project-slug`, `flightdeck.io/deploy-workflow`, its
     * source location), so deploys, rollbacks, releases and GitHub webhook
     * deliveries follow an entity's claim on a repository only when the
     * entity was ingested from an administrator location (`catalog.locations`
     * or `locations` below), when its catalog file lies in that repository,
     * or when `repositories` below grants it.
     */
    trust?: {
      /**
       * More administrator locations, written as the catalog writes
       * `backstage.io/managed-by-origin-location`, e.g.
       * `url:https://github.com/skyhop/catalog/blob/main/all.yaml`.
       */
      locations?: string[];
      /** Entities that may act on a repository their catalog file is not in. */
      repositories?: Array<{
        /** `owner/repo` on github.com, `host/owner/repo`, or `local:<name>` on the local git host. */
        repository: string;
        /** Entity refs, e.g. `component:default/payments-api` (kind component and namespace default unless given). */
        entities: string[];
        /** The only deploy workflows they may dispatch there; any when unset. */
        workflows?: string[];
        /** The only refs they may dispatch them on; any when unset. */
        refs?: string[];
      }>;
    };
  };
}
