import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Suspense } from 'react';
import { deploymentsApiRef } from '../../api/DeploymentsApi';
import { DeploymentsClient } from '../../api/DeploymentsClient';
import { deployment, doraMetrics } from '../../testing/fixtures';
import { DeploymentsPage } from './DeploymentsPage';

// Rendering the whole page is slow on a busy two-core machine.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);
const base = 'http://localhost:7007/api/deployments';

const team = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [] },
});

const teams = [
  team('payments', 'Payments'),
  team('web-experience', 'Web Experience'),
];

/** Answers as the backend would, and records each query it was asked. */
function serve() {
  const asked = {
    deployments: [] as URLSearchParams[],
    dora: [] as URLSearchParams[],
    doraByOwner: [] as URLSearchParams[],
  };
  server.use(
    http.get(`${base}/environments`, () =>
      HttpResponse.json({
        items: [
          { name: 'staging', production: false },
          { name: 'production', production: true },
        ],
      }),
    ),
    http.get(`${base}/dora/by-owner`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.doraByOwner.push(params);
      return HttpResponse.json({
        items: params.getAll('owner').map(owner => ({
          owner,
          metrics: {
            ...doraMetrics,
            level:
              owner === 'group:default/web-experience' ? 'elite' : 'medium',
          },
        })),
      });
    }),
    http.get(`${base}/dora`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.dora.push(params);
      const owner = params.get('owner');
      return HttpResponse.json({
        ...doraMetrics,
        level: owner === 'group:default/web-experience' ? 'elite' : 'medium',
      });
    }),
    http.get(`${base}/deployments`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.deployments.push(params);
      const owner = params.get('owner');
      return HttpResponse.json({
        items: [
          ...(owner !== 'group:default/web-experience'
            ? [deployment({ version: '2.4.0' })]
            : []),
          deployment({
            version: '7.1.0',
            entityRef: 'component:default/booking-web',
          }),
        ],
      });
    }),
  );
  return asked;
}

function renderPage(path = '/deployments') {
  const client = new DeploymentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
  return renderInTestApp(
    <Suspense fallback={null}>
      <DeploymentsPage />
    </Suspense>,
    {
      apis: [
        [deploymentsApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: teams })],
      ],
      initialRouteEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('DeploymentsPage', () => {
  it('lists the recent deployments of every service, naming the service', async () => {
    const asked = serve();
    renderPage();
    expect(await screen.findByText('All deployments')).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'booking-web' });
    expect(link).toHaveAttribute(
      'href',
      expect.stringContaining('/catalog/default/component/booking-web'),
    );
    expect(
      screen.getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(asked.deployments[0].get('owner')).toBeNull();
    expect(asked.dora[0].get('owner')).toBeNull();
  });

  it('compares the teams and narrows everything to the team chosen', async () => {
    const asked = serve();
    renderPage();
    const teamsTable = (await screen.findByText('Teams')).closest(
      '[class*="MuiPaper"]',
    ) as HTMLElement;
    const row = (await within(teamsTable).findByText('Web Experience')).closest(
      'tr',
    )!;
    expect(within(row).getByText('elite')).toBeInTheDocument();
    expect(
      within(within(teamsTable).getByText('Payments').closest('tr')!).getByText(
        'medium',
      ),
    ).toBeInTheDocument();
    // Every team's keys in one request.
    expect(asked.doraByOwner).toHaveLength(1);
    expect(asked.doraByOwner[0].getAll('owner')).toEqual([
      'group:default/payments',
      'group:default/web-experience',
    ]);
    expect(
      asked.dora.filter(p => p.has('owner') && !p.has('entityRef')),
    ).toHaveLength(0);

    await userEvent.click(row);
    expect(await screen.findByText('Team deployments')).toBeInTheDocument();
    await waitFor(() =>
      expect(asked.deployments[asked.deployments.length - 1].get('owner')).toBe(
        'group:default/web-experience',
      ),
    );
    expect(
      asked.dora.some(
        p =>
          p.get('owner') === 'group:default/web-experience' &&
          !p.has('entityRef'),
      ),
    ).toBe(true);
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'payments-api' })).toBeNull(),
    );
    expect(screen.queryByText('Teams')).toBeNull();
  });

  it('opens on the team a shared link names', async () => {
    const asked = serve();
    renderPage('/deployments?owner=group:default/payments');
    expect(await screen.findByText('Team deployments')).toBeInTheDocument();
    await waitFor(() =>
      expect(asked.deployments[0].get('owner')).toBe('group:default/payments'),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Team' })).toHaveTextContent(
        'Payments',
      ),
    );
  });
});
