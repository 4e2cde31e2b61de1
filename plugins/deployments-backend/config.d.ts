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
  };
}
