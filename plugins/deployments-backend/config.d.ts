export interface Config {
  deployments?: {
    github?: {
      /**
       * Secret GitHub signs webhook deliveries with (X-Hub-Signature-256).
       * Without it, POST /api/deployments/webhooks/github refuses everything.
       * @visibility secret
       */
      webhookSecret?: string;
      /**
       * The secret being rotated out: accepted next to webhookSecret until
       * every hook has been switched, then removed.
       * @visibility secret
       */
      previousWebhookSecret?: string;
    };
    /** @deprecated the same as providers; read when providers.webhook is unset */
    rollback?: {
      webhook?: {
        /** @visibility secret */
        url: string;
        /** @visibility secret */
        secret: string;
      };
    };
    providers?: {
      /**
       * For services annotated `flightdeck.io/deploy-provider: webhook`:
       * deploys and rollbacks are POSTed here as JSON, signed in
       * X-Flightdeck-Signature-256.
       */
      webhook?: {
        /**
         * An http(s) URL of the CD system. Secret: it names an internal host
         * and may carry a token in its path or query.
         * @visibility secret
         */
        url: string;
        /**
         * Key of the HMAC-SHA256 signature.
         * @visibility secret
         */
        secret: string;
      };
    };
  };
}
