import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  taskCancelPermission,
  taskCreatePermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { ConfigReader } from '@backstage/config';
import { FlightdeckPermissionPolicy } from './FlightdeckPermissionPolicy';
import { readPolicySettings } from './PolicySettings';

const settings = readPolicySettings(
  new ConfigReader({
    flightdeck: { permissions: { adminGroups: ['platform-engineering'] } },
  }),
);

function policyFor(ownershipEntityRefs: string[]) {
  const userEntityRef = ownershipEntityRefs[0];
  return new FlightdeckPermissionPolicy(
    settings,
    mockServices.userInfo({ userEntityRef, ownershipEntityRefs }),
    mockServices.logger.mock(),
  );
}

const alice = ['user:default/alice', 'group:default/payments'];
const admin = ['user:default/root', 'group:default/platform-engineering'];
const asUser = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

// A mutation a feature plugin declares on the entity it belongs to.
const rollbackPermission = createPermission({
  name: 'deployments.rollback',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const somethingGlobal = createPermission({
  name: 'flightdeck.settings.update',
  attributes: { action: 'update' },
});

describe('FlightdeckPermissionPolicy', () => {
  it('denies requests without a user', async () => {
    const decision = await policyFor(alice).handle({
      permission: catalogEntityReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('lets every signed-in user read', async () => {
    const decision = await policyFor(alice).handle(
      { permission: catalogEntityReadPermission },
      asUser(alice[0]),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets every signed-in user create services from templates', async () => {
    const decision = await policyFor(alice).handle(
      { permission: taskCreatePermission },
      asUser(alice[0]),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('keeps template dry runs to admins, as they run any template sent', async () => {
    // A dry run runs the template in the request, not a registered one:
    // with it, anyone could read what the portal's git credentials reach.
    const asAlice = await policyFor(alice).handle(
      { permission: templateDryRunPermission },
      asUser(alice[0]),
    );
    expect(asAlice.result).toBe(AuthorizeResult.DENY);
    const asAdmin = await policyFor(admin).handle(
      { permission: templateDryRunPermission },
      asUser(admin[0]),
    );
    expect(asAdmin.result).toBe(AuthorizeResult.ALLOW);
  });

  it.each([
    ['a catalog refresh', catalogEntityRefreshPermission],
    ['a catalog delete', catalogEntityDeletePermission],
    ['a feature plugin mutation', rollbackPermission],
  ])('allows %s only on entities the user owns', async (_, permission) => {
    const decision = await policyFor(alice).handle(
      { permission },
      asUser(alice[0]),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: alice },
      },
    });
  });

  it('lets users cancel only the scaffolder tasks they started', async () => {
    const decision = await policyFor(alice).handle(
      { permission: taskCancelPermission },
      asUser(alice[0]),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/alice'] },
      },
    });
  });

  it('denies other mutations to non-admins', async () => {
    for (const permission of [
      catalogLocationDeletePermission,
      somethingGlobal,
    ]) {
      const decision = await policyFor(alice).handle(
        { permission },
        asUser(alice[0]),
      );
      expect(decision.result).toBe(AuthorizeResult.DENY);
    }
  });

  it('lets members of an admin group do everything', async () => {
    for (const permission of [
      catalogLocationDeletePermission,
      somethingGlobal,
      rollbackPermission,
    ]) {
      const decision = await policyFor(admin).handle(
        { permission },
        asUser(admin[0]),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });
});
