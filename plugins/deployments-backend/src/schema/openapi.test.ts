import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createRouter } from '../router';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = yaml.load(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    ) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([route, ops]) =>
      Object.keys(ops).map(method => `${method.toUpperCase()} ${route}`),
    );

    const router = await createRouter({
      httpAuth: {} as any,
      store: {} as any,
      ingestor: {} as any,
      dora: {} as any,
      environments: [],
      github: { secrets: [], resolver: {} as any },
    });
    const served = (router.stack as Layer[]).flatMap(layer =>
      layer.route
        ? Object.keys(layer.route.methods).map(
            method => `${method.toUpperCase()} ${layer.route!.path}`,
          )
        : [],
    );
    expect(served.sort()).toEqual(documented.sort());
  });
});
