import type { z } from 'zod';
import type {
  deploymentEventSchema,
  deploymentsApi,
  IngestResult,
} from '@flightdeck/plugin-deployments-common';
import type {
  EndpointRequestBody,
  errorBodySchema,
} from '@flightdeck/api-common';

/** One deployment event as `POST /events` takes it, before defaults. */
export type DeploymentEventBody = z.input<typeof deploymentEventSchema>;

/** Any body `POST /events` takes: one event, or `{ events }`. */
export type PostEventsBody = EndpointRequestBody<
  typeof deploymentsApi.endpoints.ingestion
>;

/** What `POST /events` answers when it recorded the events. */
export type { IngestResult };

/** What Flightdeck answers when it refuses a request. */
export type ErrorBody = z.output<typeof errorBodySchema>;
