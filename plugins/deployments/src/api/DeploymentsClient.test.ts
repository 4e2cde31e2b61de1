import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeploymentsClient } from './DeploymentsClient';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://localhost:7007/api/deployments';
const client = new DeploymentsClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: mockApis.fetch(),
});

describe('DeploymentsClient', () => {
  it('asks for a filtered page and leaves out empty parameters', async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${base}/deployments`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json({ items: [], nextCursor: 'abc' });
      }),
    );
    const page = await client.listDeployments({
      entityRef: 'component:default/payments-api',
      environment: 'production',
      limit: 20,
    });
    expect(page).toEqual({ items: [], nextCursor: 'abc' });
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      entityRef: 'component:default/payments-api',
      environment: 'production',
      limit: '20',
    });
  });

  it('turns error responses into errors carrying the server message', async () => {
    server.use(
      http.get(`${base}/environment-states`, () =>
        HttpResponse.json(
          // The error body every Backstage backend sends.
          {
            error: { name: 'InputError', message: 'Invalid query: entityRef' },
            request: {
              method: 'GET',
              url: '/api/deployments/environment-states',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(client.getEnvironmentStates('x')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { message: 'Invalid query: entityRef' },
    });
  });
});
