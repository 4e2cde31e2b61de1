import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createRouter } from '../router';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

// Routes of the router and of the routers mounted in it, OpenAPI style.
function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      const route = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map(
        m => `${m.toUpperCase()} ${route}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

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
      resolver: {} as any,
      github: { secrets: [] },
      actions: {} as any,
    });
    const served = routesOf(router.stack as Layer[]);
    expect(served.sort()).toEqual(documented.sort());
  });
});
