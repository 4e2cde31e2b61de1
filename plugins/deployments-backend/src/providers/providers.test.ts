import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { RepositoryTrust, signHmacSha256 } from '@flightdeck/ingest-node';
import { Deployment } from '@flightdeck/plugin-deployments-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { cdReceiver } from '../__testUtils__/cdReceiver';
import { readDeploymentsConfig } from '../config';
import { DeployProviders } from './DeployProviders';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

const deployment: Deployment = {
  id: 'd-1',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.0',
  status: 'succeeded',
  strategy: 'rolling',
  startedAt: '2026-11-20T10:00:00.000Z',
  steps: [],
};
const request = (
  annotations: Record<string, string>,
  action: 'deploy' | 'rollback' = 'rollback',
) => ({
  entity: entity(annotations),
  action,
  environment: deployment.environment,
  version: deployment.version,
  deploymentId: deployment.id,
  reason: 'checkout errors after 2.5.0',
  requestedBy: 'user:default/priya.raman',
});

const providersWith = (config: object) =>
  DeployProviders.create(
    readDeploymentsConfig(new ConfigReader(config)),
    RepositoryTrust.fromConfig(new ConfigReader(config)),
  );

describe('the webhook provider', () => {
  const cd = cdReceiver('/rollback');

  const choose = () =>
    providersWith({
      deployments: {
        providers: { webhook: { url: cd.url, secret: 'cd-secret' } },
      },
    }).forEntity(entity({ 'flightdeck.io/deploy-provider': 'webhook' }));

  it('posts a signed request the CD system can verify', async () => {
    const before = Math.floor(Date.now() / 1000);
    await choose().provider!.trigger(request({}));
    const after = Math.floor(Date.now() / 1000);
    const [{ headers, body }] = cd.received;
    // Signed with the time it was sent, so that a receiver can refuse a
    // request replayed later.
    const timestamp = String(headers['x-flightdeck-timestamp']);
    expect(timestamp).toMatch(/^\d+$/);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(after);
    expect(headers['x-flightdeck-signature-256']).toBe(
      signHmacSha256(`${timestamp}.${body}`, 'cd-secret'),
    );
    expect(JSON.parse(body)).toEqual({
      action: 'rollback',
      entityRef: 'component:default/payments-api',
      environment: 'production',
      version: '2.4.0',
      deploymentId: 'd-1',
      reason: 'checkout errors after 2.5.0',
      requestedBy: 'user:default/priya.raman',
    });
  });

  it('reports a CD system that refuses', async () => {
    cd.status = 503;
    await expect(choose().provider!.trigger(request({}))).rejects.toThrow(
      'The deploy webhook answered 503',
    );
  });

  it('says what to configure when there is no webhook', () => {
    expect(
      providersWith({}).forEntity(
        entity({ 'flightdeck.io/deploy-provider': 'webhook' }),
      ).missing,
    ).toContain('deployments.providers.webhook.url');
  });
});

describe('the GitHub Actions provider', () => {
  const github = setupServer();
  beforeAll(() => github.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => github.resetHandlers());
  afterAll(() => github.close());

  const annotations = {
    // Read from its own repository, which vouches for the slug.
    'backstage.io/managed-by-location':
      'url:https://github.com/skyhop/payments-api/blob/main/catalog-info.yaml',
    'flightdeck.io/deploy-provider': 'github-actions',
    'github.com/project-slug': 'skyhop/payments-api',
    'flightdeck.io/deploy-workflow': 'deploy.yml',
  };
  const withToken = {
    integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
  };

  it('dispatches the deploy workflow with version, environment and reason', async () => {
    let dispatched: { auth: string | null; body: unknown } | undefined;
    github.use(
      // https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
      http.post(
        'https://api.github.com/repos/skyhop/payments-api/actions/workflows/deploy.yml/dispatches',
        async ({ request: req }) => {
          dispatched = {
            auth: req.headers.get('authorization'),
            body: await req.json(),
          };
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    const choice = providersWith(withToken).forEntity(entity(annotations));
    const result = await choice.provider!.trigger(request(annotations));
    expect(dispatched).toEqual({
      auth: 'token ghp_test',
      body: {
        ref: 'main',
        inputs: {
          version: '2.4.0',
          environment: 'production',
          reason: 'checkout errors after 2.5.0',
        },
      },
    });
    expect(result.url).toBe(
      'https://github.com/skyhop/payments-api/actions/workflows/deploy.yml',
    );
  });

  it('passes a release its deployment_id, which the workflow reports back', async () => {
    let inputs: unknown;
    github.use(
      http.post(
        'https://api.github.com/repos/skyhop/payments-api/actions/workflows/deploy.yml/dispatches',
        async ({ request: req }) => {
          inputs = ((await req.json()) as { inputs: unknown }).inputs;
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    const choice = providersWith(withToken).forEntity(entity(annotations));
    await choice.provider!.trigger({
      ...request(annotations, 'deploy'),
      deploymentId: 'flightdeck-0c1f',
    });
    expect(inputs).toEqual({
      version: '2.4.0',
      environment: 'production',
      reason: 'checkout errors after 2.5.0',
      deployment_id: 'flightdeck-0c1f',
    });
  });

  it('passes on what GitHub says when it refuses', async () => {
    github.use(
      http.post(
        'https://api.github.com/repos/skyhop/payments-api/actions/workflows/deploy.yml/dispatches',
        () =>
          HttpResponse.json(
            {
              message: "Workflow does not have 'workflow_dispatch' trigger",
              documentation_url:
                'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
              status: '422',
            },
            { status: 422 },
          ),
      ),
    );
    const choice = providersWith(withToken).forEntity(entity(annotations));
    await expect(
      choice.provider!.trigger(request(annotations)),
    ).rejects.toThrow("Workflow does not have 'workflow_dispatch' trigger");
  });

  it('says what to configure when something is missing', () => {
    expect(providersWith({}).forEntity(entity(annotations)).missing).toContain(
      'integrations.github',
    );
    const noWorkflow = { ...annotations, 'flightdeck.io/deploy-workflow': '' };
    expect(
      providersWith(withToken).forEntity(entity(noWorkflow)).missing,
    ).toContain('flightdeck.io/deploy-workflow');
    expect(providersWith(withToken).forEntity(entity({})).missing).toContain(
      'Set the flightdeck.io/deploy-provider annotation of component:default/payments-api',
    );
  });
});
