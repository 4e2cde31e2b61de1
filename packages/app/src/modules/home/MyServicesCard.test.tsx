import { Suspense } from 'react';
import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { MyServicesCard } from './MyServicesCard';

function component(name: string, owner: string, description: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', description },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities = [
  component(
    'booking-service',
    'group:default/booking',
    'Confirms reservations',
  ),
  component('payments-api', 'group:default/payments', 'Takes card payments'),
];

function renderCard(ownershipEntityRefs: string[]) {
  return renderInTestApp(
    <Suspense fallback={null}>
      <MyServicesCard />
    </Suspense>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [catalogApiRef, catalogApiMock({ entities })],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: ownershipEntityRefs[0],
            ownershipEntityRefs,
          }),
        ],
      ],
    },
  );
}

describe('MyServicesCard', () => {
  it("lists the components the user's teams own, and only those", async () => {
    renderCard(['user:default/guest', 'group:default/booking']);
    expect(
      await screen.findByText('Confirms reservations'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Takes card payments')).not.toBeInTheDocument();
  });

  it('says so when the user owns nothing yet', async () => {
    renderCard(['user:default/newcomer']);
    expect(
      await screen.findByText("You don't own any services yet"),
    ).toBeInTheDocument();
  });
});
