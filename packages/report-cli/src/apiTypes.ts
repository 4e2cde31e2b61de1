import { components, operations } from '@flightdeck/plugin-deployments-common';

/** One deployment event as `POST /events` takes it. */
export type DeploymentEventBody = components['schemas']['DeploymentEvent'];

/** Any body `POST /events` takes: one event, or `{ events }`. */
export type PostEventsBody =
  operations['PostDeploymentEvents']['requestBody']['content']['application/json'];

/** What `POST /events` answers when it recorded the events. */
export type IngestResult = components['schemas']['IngestResult'];

/** What Flightdeck answers when it refuses a request. */
export type ErrorBody =
  components['responses']['Error']['content']['application/json'];
