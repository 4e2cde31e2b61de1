import { findDuplicateInstalls } from './duplicateInstalls';

describe('findDuplicateInstalls', () => {
  it('reports a Backstage package or React installed twice, and nothing else', () => {
    expect(
      findDuplicateInstalls([
        '@backstage/plugin-events-node@npm:0.4.26',
        '@backstage/plugin-events-node@npm:0.5.0',
        '@backstage/errors@npm:1.4.0',
        'react@npm:18.3.1',
        'react@npm:17.0.2',
        'react-dom@npm:18.3.1',
        'lodash@npm:4.17.21',
        'lodash@npm:3.10.1',
        '@flightdeck/ingest-node@workspace:plugins/ingest-node',
      ]),
    ).toEqual([
      { name: '@backstage/plugin-events-node', versions: ['0.4.26', '0.5.0'] },
      { name: 'react', versions: ['17.0.2', '18.3.1'] },
    ]);
  });

  it('is quiet for an install with one version of each', () => {
    expect(
      findDuplicateInstalls(['react@npm:18.3.1', 'react-dom@npm:18.3.1']),
    ).toEqual([]);
  });
});
