// Generated from plugins/deployments-backend/src/schema/openapi.yaml by
// openapi-typescript. Do not edit; regenerate with
//   yarn workspace @flightdeck/plugin-deployments-common generate:openapi

export interface paths {
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record one deployment event, or a batch of up to 1,000. */
    post: operations['PostDeploymentEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/github': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * GitHub deployment and deployment_status deliveries.
     * @description No Backstage credentials: the body must be signed with deployments.github.webhookSecret (or previousWebhookSecret during a rotation) in X-Hub-Signature-256. Repositories map to services by the github.com/project-slug annotation.
     */
    post: operations['PostGithubWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/cdevents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * CDEvents service deployed, upgraded, rolledback and removed events.
     * @description CloudEvents in structured mode whose data is a CDEvent (one event, or an array of up to 1,000 as application/cloudevents-batch+json), or a bare CDEvent as sent in HTTP binary mode. The subject id names the service (an entity ref, or a component name as its last path segment); the environment id or name must match a configured environment. A rolledback event also marks the deployment it replaced as rolled_back. Optional customData.flightdeck carries commits for lead time, the run URL, the actor and the strategy.
     */
    post: operations['PostCDEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/rollback-support': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the signed-in user may roll a service back, and whether a provider is configured. */
    get: operations['GetRollbackSupport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deploy-support': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the signed-in user may deploy a service from Flightdeck, and whether a provider is configured; a release asks before it tags. */
    get: operations['GetDeploySupport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deployments/{id}/rollback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Redeploy the version of an earlier successful deployment, through the service's provider.
     * @description Owners of the service and admins only (permission deployments.rollback); audited.
     */
    post: operations['RollbackToDeployment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deployments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deployments, newest first, a page at a time. */
    get: operations['ListDeployments'];
    put?: never;
    /**
     * Deploy a version of a service through its provider, as a release does.
     * @description Owners of the service and admins only (permission deployments.deploy); audited; user credentials only (the scaffolder calls it on behalf of the user who runs the template). The deployment is recorded as started before the provider is asked, and the provider is given its id (`deploymentId` of the webhook body, `deployment_id` input of a GitHub workflow), under which the CD system reports the outcome. A deploy the provider refuses is recorded as cancelled.
     */
    post: operations['DeployVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/deployments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One deployment, to follow it until it finishes. */
    get: operations['GetDeployment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environment-states': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** For one service, what runs in each environment and the latest attempt there. */
    get: operations['ListEnvironmentStates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dora': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * DORA metrics for a service (entityRef), a team (owner) or the whole organisation.
     * @description Defaults: the production environment and the 30 days before now. The window may span at most 366 days. See docs/deployments.md for the definitions.
     */
    get: operations['GetDoraMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The configured environments in promotion order. */
    get: operations['ListEnvironments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @enum {string} */
    DeploymentStatus:
      | 'started'
      | 'succeeded'
      | 'failed'
      | 'rolled_back'
      | 'cancelled'
      | 'removed';
    /** @enum {string} */
    DeploymentStrategy: 'rolling' | 'blue-green' | 'canary' | 'recreate';
    Step: {
      name: string;
      weight?: number;
      /** @enum {string} */
      status: 'pending' | 'running' | 'succeeded' | 'failed';
    };
    /** @description Names the service with entityRef or service; finishedAt is required for final statuses. */
    DeploymentEvent: {
      /** @example component:default/payments-api */
      entityRef?: string;
      /** @description A component name */
      service?: string;
      /** @description A name from flightdeck.environments */
      environment: string;
      version: string;
      status: components['schemas']['DeploymentStatus'];
      strategy?: components['schemas']['DeploymentStrategy'];
      /** @description Ties the events of one deployment together; defaults to version and startedAt. */
      deploymentId?: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      commitSha?: string;
      /** @description The commits this deployment brings to the environment. */
      changes?: {
        sha: string;
        /** Format: date-time */
        committedAt: string;
      }[];
      /** Format: uri */
      url?: string;
      actor?: string;
      idempotencyKey: string;
      steps?: components['schemas']['Step'][];
    };
    Deployment: {
      id: string;
      entityRef: string;
      environment: string;
      version: string;
      status: components['schemas']['DeploymentStatus'];
      strategy: components['schemas']['DeploymentStrategy'];
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      durationSeconds?: number;
      commitSha?: string;
      url?: string;
      actor?: string;
      steps: components['schemas']['Step'][];
    };
    /** @enum {string|null} */
    DoraLevel: 'elite' | 'high' | 'medium' | 'low' | null;
    DoraMetrics: {
      scope: {
        entityRef?: string;
        owner?: string;
        environment: string;
        /** Format: date-time */
        from: string;
        /** Format: date-time */
        to: string;
      };
      deploymentFrequency: {
        total: number;
        perDay: number;
        level: components['schemas']['DoraLevel'];
      };
      leadTime: {
        medianHours: number | null;
        p90Hours: number | null;
        changes: number;
        excludedChanges: number;
        level: components['schemas']['DoraLevel'];
      };
      changeFailureRate: number | null;
      changeFailures: {
        failed: number;
        total: number;
        level: components['schemas']['DoraLevel'];
      };
      timeToRestore: {
        medianHours: number | null;
        restored: number;
        unrestored: number;
        level: components['schemas']['DoraLevel'];
      };
      level: components['schemas']['DoraLevel'];
      series: {
        /** Format: date */
        date: string;
        deployments: number;
        failures: number;
      }[];
    };
    CloudEvent: {
      /** @enum {string} */
      specversion: '1.0';
      id: string;
      source: string;
      /** @description Equal to data.context.type, e.g. dev.cdevents.service.deployed.0.3.0 */
      type: string;
      /** Format: date-time */
      time?: string;
      subject?: string;
      datacontenttype?: string;
      data: components['schemas']['CDEvent'];
    };
    CDEvent: {
      context: {
        specversion?: string;
        id: string;
        source: string;
        type: string;
        /** Format: date-time */
        timestamp: string;
      };
      subject: {
        /** @description The service: an entity ref, or a path whose last segment is a component name */
        id: string;
        source?: string;
        type?: string;
        content: {
          environment: {
            id: string;
            source?: string;
            name?: string;
          };
          /** @description A package URL; its version becomes the deployment's version. Required except for removed events. */
          artifactId?: string;
        };
      };
      customData?: {
        flightdeck?: {
          entityRef?: string;
          commitSha?: string;
          changes?: {
            sha: string;
            /** Format: date-time */
            committedAt: string;
          }[];
          url?: string;
          actor?: string;
          strategy?: components['schemas']['DeploymentStrategy'];
          /** Format: date-time */
          startedAt?: string;
          steps?: components['schemas']['Step'][];
        };
      };
    };
    DeployAnswer: {
      deployment: components['schemas']['Deployment'];
      /** @enum {string} */
      provider: 'github-actions' | 'webhook';
      /** @description Where the provider shows the run, when it says. */
      url?: string | null;
    };
    IngestResult: {
      accepted: number;
      duplicates: number;
      results: {
        idempotencyKey: string;
        deploymentId?: string;
        duplicate: boolean;
      }[];
    };
  };
  responses: {
    /** @description The request was refused; the message names the problem. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': {
          error: {
            name: string;
            message: string;
          };
        };
      };
    };
  };
  parameters: {
    /** @description The owning group as recorded when the deployment was ingested: a group ref, or a group name in the default namespace. */
    Owner: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  PostDeploymentEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | components['schemas']['DeploymentEvent']
          | {
              events: components['schemas']['DeploymentEvent'][];
            };
      };
    };
    responses: {
      /** @description Every event recorded once; repeated idempotency keys are reported as duplicates. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestResult'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  PostGithubWebhook: {
    parameters: {
      query?: never;
      header: {
        'X-GitHub-Event': string;
        'X-GitHub-Delivery': string;
        'X-Hub-Signature-256': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Recorded (or a duplicate delivery), or a ping answered. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestResult'];
        };
      };
      /** @description A delivery that does not change a deployment; ignored. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      413: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  PostCDEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/cloudevents+json': components['schemas']['CloudEvent'];
        'application/cloudevents-batch+json': components['schemas']['CloudEvent'][];
        'application/cdevents+json': components['schemas']['CDEvent'];
      };
    };
    responses: {
      /** @description Every event recorded once; redeliveries (same source and id) are reported as duplicates. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestResult'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  GetRollbackSupport: {
    parameters: {
      query: {
        entityRef: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What the Rollback button can do. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            allowed: boolean;
            /** @enum {string|null} */
            provider: 'github-actions' | 'webhook' | null;
            /** @description What to configure when there is no provider */
            missing: string | null;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  GetDeploySupport: {
    parameters: {
      query: {
        entityRef: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What a deploy from Flightdeck can do. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            allowed: boolean;
            /** @enum {string|null} */
            provider: 'github-actions' | 'webhook' | null;
            /** @description What to configure when there is no provider */
            missing: string | null;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  RollbackToDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description The provider accepted the request. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            provider?: string;
            environment?: string;
            version?: string;
            url?: string | null;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  ListDeployments: {
    parameters: {
      query?: {
        entityRef?: string;
        /** @description The owning group as recorded when the deployment was ingested: a group ref, or a group name in the default namespace. */
        owner?: components['parameters']['Owner'];
        environment?: string;
        status?: components['schemas']['DeploymentStatus'];
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Deployment'][];
            nextCursor?: string;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
    };
  };
  DeployVersion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          entityRef: string;
          environment: string;
          version: string;
          reason: string;
          /** @description The commit the version was built from, shown in the history. */
          commitSha?: string;
          /** @description The same id from the same user, for the same service and environment, deploys once; a retry gets the first deployment back. A retry of a request the provider refused is refused (409); send a new id. */
          requestId?: string;
        };
      };
    };
    responses: {
      /** @description A retry of an earlier request (same requestId); nothing was triggered again. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeployAnswer'];
        };
      };
      /** @description Recorded as started and accepted by the provider. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeployAnswer'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      409: components['responses']['Error'];
      422: components['responses']['Error'];
    };
  };
  GetDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The deployment. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Deployment'];
        };
      };
      401: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  ListEnvironmentStates: {
    parameters: {
      query: {
        entityRef: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One entry per configured environment, in promotion order. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              environment: string;
              current?: components['schemas']['Deployment'];
              latest?: components['schemas']['Deployment'];
            }[];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
    };
  };
  GetDoraMetrics: {
    parameters: {
      query?: {
        entityRef?: string;
        /** @description The owning group as recorded when the deployment was ingested: a group ref, or a group name in the default namespace. */
        owner?: components['parameters']['Owner'];
        environment?: string;
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The four keys, their levels and a trend. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DoraMetrics'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
    };
  };
  ListEnvironments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The environments. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              name: string;
              production: boolean;
            }[];
          };
        };
      };
    };
  };
}
