import SwaggerParser from '@apidevtools/swagger-parser';
import { openApiDocument } from '@flightdeck/api-common';
import { deploymentsApi } from './deploymentsApi';

describe('the deployments API document', () => {
  const document = openApiDocument(deploymentsApi);

  it('is a valid OpenAPI 3.0 document', async () => {
    await expect(
      SwaggerParser.validate(structuredClone(document) as any),
    ).resolves.toBeDefined();
  });

  it('describes the routes clients call', () => {
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map(method => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual([
      'GET /deploy-support',
      'GET /deployments',
      'GET /deployments/{id}',
      'GET /dora',
      'GET /dora/by-owner',
      'GET /environment-states',
      'GET /environments',
      'GET /openapi.json',
      'GET /rollback-support',
      'POST /deployments',
      'POST /deployments/{id}/rollback',
      'POST /events',
      'POST /webhooks/cdevents',
      'POST /webhooks/github',
    ]);
  });

  it('says what the list query takes, with its defaults and limits', () => {
    const list = document.paths['/deployments'].get as {
      parameters: Array<{ name: string; schema: Record<string, unknown> }>;
    };
    expect(list.parameters.map(p => p.name)).toEqual([
      'entityRef',
      'owner',
      'environment',
      'status',
      'limit',
      'cursor',
    ]);
    expect(list.parameters.find(p => p.name === 'limit')?.schema).toEqual(
      expect.objectContaining({ default: 50, minimum: 1, maximum: 200 }),
    );
    expect(list.parameters.find(p => p.name === 'status')?.schema).toEqual({
      $ref: '#/components/schemas/DeploymentStatus',
    });
  });

  it('lets only the GitHub webhook in without Backstage credentials', () => {
    const open = Object.values(document.paths).flatMap(item =>
      Object.values(item).filter(op => Array.isArray(op.security)),
    );
    expect(open.map(op => op.operationId)).toEqual(['PostGithubWebhook']);
  });
});
