import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Deployment } from '@flightdeck/plugin-deployments-common';
import { deployment, doraMetrics } from '../../testing/fixtures';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Suspense } from 'react';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { DeploymentsClient } from '../../api/DeploymentsClient';
import { DeploymentsTab } from './DeploymentsTab';

// Rendering the whole page is slow on a busy two-core machine.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);
const base = 'http://localhost:7007/api/deployments';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

let rollbackSupport: {
  allowed: boolean;
  provider: string | null;
  missing: string | null;
} = { allowed: true, provider: 'webhook', missing: null };
let rollbackRequests: Array<{ id: string; body: unknown }> = [];

function serve(
  pages: Record<string, { items: Deployment[]; nextCursor?: string }>,
) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get(`${base}/rollback-support`, () =>
      HttpResponse.json(rollbackSupport),
    ),
    http.post(
      `${base}/deployments/:id/rollback`,
      async ({ params, request }) => {
        rollbackRequests.push({
          id: String(params.id),
          body: await request.json(),
        });
        return HttpResponse.json(
          {
            provider: 'webhook',
            environment: 'production',
            version: '2.4.0',
            url: null,
          },
          { status: 202 },
        );
      },
    ),
    http.get(`${base}/environments`, () =>
      HttpResponse.json({
        items: [
          { name: 'staging', production: false },
          { name: 'production', production: true },
        ],
      }),
    ),
    http.get(`${base}/environment-states`, () =>
      HttpResponse.json({
        items: [
          {
            environment: 'staging',
            current: deployment({ environment: 'staging', version: '2.5.0' }),
          },
          {
            environment: 'production',
            current: deployment({ version: '2.4.0' }),
            latest: deployment({
              version: '2.5.0',
              status: 'started',
              strategy: 'canary',
              finishedAt: undefined,
              durationSeconds: undefined,
              steps: [
                { name: 'canary', weight: 10, status: 'succeeded' },
                { name: 'half', weight: 50, status: 'running' },
                { name: 'full', weight: 100, status: 'pending' },
              ],
            }),
          },
        ],
      }),
    ),
    http.get(`${base}/dora`, () => HttpResponse.json(doraMetrics)),
    http.get(`${base}/deployments`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.push(params);
      return HttpResponse.json(
        pages[params.get('cursor') ?? 'first'] ?? { items: [] },
      );
    }),
  );
  return asked;
}

function renderTab(shown: Entity = entity) {
  const client = new DeploymentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
  return renderInTestApp(
    <Suspense fallback={null}>
      <EntityProvider entity={shown}>
        <DeploymentsTab />
      </EntityProvider>
    </Suspense>,
    { apis: [[deploymentsApiRef, client]] },
  );
}

describe('DeploymentsTab', () => {
  beforeEach(() => {
    rollbackSupport = { allowed: true, provider: 'webhook', missing: null };
    rollbackRequests = [];
  });

  it('shows what runs in each environment and the rollout in flight', async () => {
    serve({ first: { items: [deployment({ actor: 'daniel.schmidt' })] } });
    renderTab();
    expect(await screen.findByTestId('current-production')).toHaveTextContent(
      '2.4.0',
    );
    expect(screen.getByTestId('current-staging')).toHaveTextContent('2.5.0');
    expect(
      screen.getByLabelText('50% of traffic on the new version'),
    ).toBeInTheDocument();
    expect(screen.getByText('half · running')).toBeInTheDocument();
  });

  it("links to the service's runbook in its TechDocs", async () => {
    serve({ first: { items: [deployment({})] } });
    renderTab({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'flightdeck.io/runbook': 'docs/runbook.md',
        },
      },
    });
    expect(
      await screen.findByRole('link', { name: 'Runbook' }),
    ).toHaveAttribute('href', '/docs/default/component/payments-api/runbook/');
  });

  it('tells when a service was removed from an environment', async () => {
    serve({ first: { items: [] } });
    server.use(
      http.get(`${base}/environment-states`, () =>
        HttpResponse.json({
          items: [
            {
              environment: 'staging',
              latest: deployment({
                environment: 'staging',
                version: '2.5.0',
                status: 'removed',
                finishedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
              }),
            },
            { environment: 'production' },
          ],
        }),
      ),
    );
    renderTab();
    expect(await screen.findByTestId('nothing-staging')).toHaveTextContent(
      'Nothing runs here: removed 3 hours ago',
    );
    expect(screen.getByTestId('nothing-production')).toHaveTextContent(
      'Nothing deployed yet',
    );
    expect(screen.getByText('Removed')).toBeInTheDocument();
  });

  it('shows the four keys with their levels', async () => {
    serve({ first: { items: [deployment({})] } });
    renderTab();
    expect(await screen.findByText('0.4 / day')).toBeInTheDocument();
    expect(screen.getByText('2 h')).toBeInTheDocument();
    expect(screen.getByText('14 %')).toBeInTheDocument();
    expect(screen.getByText('30 min')).toBeInTheDocument();
    expect(screen.getByText('2 of 14 deployments')).toBeInTheDocument();
    expect(screen.getAllByText('elite')).toHaveLength(2);
  });

  it('lists the history and pages through it', async () => {
    const asked = serve({
      first: {
        items: [deployment({ version: '2.4.0', actor: '<b>alice</b>' })],
        nextCursor: 'c2',
      },
      c2: { items: [deployment({ version: '2.3.0' })] },
    });
    renderTab();
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('2.4.0')).toBeInTheDocument();
    // Text from events is shown as text, never as markup.
    expect(within(table).getByText('<b>alice</b>')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await within(table).findByText('2.3.0')).toBeInTheDocument();
    expect(asked[asked.length - 1].get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await within(table).findByText('2.4.0')).toBeInTheDocument();
  });

  it('rolls back to a past deployment with a reason', async () => {
    serve({
      first: { items: [deployment({ id: 'dep-240', version: '2.4.0' })] },
    });
    renderTab();
    const button = await screen.findByRole('button', { name: 'Roll back' });
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Roll back production to 2.4.0?');
    const submit = within(dialog).getByRole('button', { name: 'Roll back' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Reason'),
      'checkout errors after 2.5.0',
    );
    await userEvent.click(submit);
    await screen.findByText(
      'Rollback to 2.4.0 in production requested through webhook',
    );
    expect(rollbackRequests).toEqual([
      { id: 'dep-240', body: { reason: 'checkout errors after 2.5.0' } },
    ]);
  });

  it('explains why rolling back is not possible', async () => {
    rollbackSupport = {
      allowed: true,
      provider: null,
      missing: 'Set the flightdeck.io/deploy-provider annotation',
    };
    serve({ first: { items: [deployment({})] } });
    renderTab();
    const button = await screen.findByRole('button', { name: 'Roll back' });
    await waitFor(() => expect(button).toBeDisabled());
    await userEvent.hover(button.parentElement!, { pointerEventsCheck: 0 });
    expect(
      await screen.findByText(
        'Set the flightdeck.io/deploy-provider annotation',
      ),
    ).toBeInTheDocument();
  });

  it('explains how to send events when there are none', async () => {
    serve({ first: { items: [] } });
    renderTab();
    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'How to send deployment events' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/flightdeck/deployments/',
    );
  });
});
