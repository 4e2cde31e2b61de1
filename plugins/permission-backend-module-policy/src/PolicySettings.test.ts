import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_SELF_SERVICE_PERMISSIONS,
  readPolicySettings,
} from './PolicySettings';

describe('readPolicySettings', () => {
  it('normalises short group names to full entity refs', () => {
    const settings = readPolicySettings(
      new ConfigReader({
        flightdeck: {
          permissions: {
            adminGroups: ['sre', 'group:ops/on-call'],
          },
        },
      }),
    );
    expect([...settings.adminGroups]).toEqual([
      'group:default/sre',
      'group:ops/on-call',
    ]);
  });

  it('has no admins and the self-service set when unconfigured', () => {
    const settings = readPolicySettings(new ConfigReader({}));
    expect(settings.adminGroups.size).toBe(0);
    expect([...settings.selfServicePermissions]).toEqual(
      DEFAULT_SELF_SERVICE_PERMISSIONS,
    );
  });

  it('adds configured self-service permissions to the defaults', () => {
    const settings = readPolicySettings(
      new ConfigReader({
        flightdeck: {
          permissions: { selfServicePermissions: ['incidents.acknowledge'] },
        },
      }),
    );
    expect(settings.selfServicePermissions.has('incidents.acknowledge')).toBe(
      true,
    );
    expect(settings.selfServicePermissions.has('scaffolder.task.create')).toBe(
      true,
    );
  });

  it('never opens template dry runs to every user', () => {
    expect(DEFAULT_SELF_SERVICE_PERMISSIONS).not.toContain(
      'scaffolder.template.dry-run',
    );
    expect(() =>
      readPolicySettings(
        new ConfigReader({
          flightdeck: {
            permissions: {
              selfServicePermissions: ['scaffolder.template.dry-run'],
            },
          },
        }),
      ),
    ).toThrow(
      "flightdeck.permissions.selfServicePermissions may not hold 'scaffolder.template.dry-run': a dry run runs any template sent, and so reads whatever the portal can read; only admin groups may dry-run",
    );
  });
});
