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
  };
}
