import { Entity } from '@backstage/catalog-model';
import { runbookLocation } from './runbookLocation';

const service = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', annotations },
  spec: {},
});
const techdocs = { 'backstage.io/techdocs-ref': 'dir:.' };

describe('runbookLocation', () => {
  it('points a page of the TechDocs site at the docs reader', () => {
    expect(
      runbookLocation(
        service({ ...techdocs, 'flightdeck.io/runbook': 'docs/runbook.md' }),
      ),
    ).toBe('/docs/default/component/payments-api/runbook/');
    expect(
      runbookLocation(
        service({
          ...techdocs,
          'flightdeck.io/runbook': 'docs/runbooks/index.md',
        }),
      ),
    ).toBe('/docs/default/component/payments-api/runbooks/');
  });

  it('keeps an external runbook as it is', () => {
    expect(
      runbookLocation(
        service({ 'flightdeck.io/runbook': 'https://wiki.skyhop.example/x' }),
      ),
    ).toBe('https://wiki.skyhop.example/x');
  });

  it('has none without the annotation, without docs, or for a path that climbs', () => {
    expect(runbookLocation(service(techdocs))).toBeUndefined();
    expect(
      runbookLocation(service({ 'flightdeck.io/runbook': 'docs/runbook.md' })),
    ).toBeUndefined();
    expect(
      runbookLocation(
        service({ ...techdocs, 'flightdeck.io/runbook': 'docs/../../x.md' }),
      ),
    ).toBeUndefined();
    // Anything else is a page of the docs reader, never a URL scheme.
    expect(
      runbookLocation(
        service({
          ...techdocs,
          'flightdeck.io/runbook': 'data:text/html,x',
        }),
      ),
    ).toBe('/docs/default/component/payments-api/data%3Atext/html%2Cx/');
  });
});
