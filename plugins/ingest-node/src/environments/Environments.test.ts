import { ConfigReader } from '@backstage/config';
import { Environments } from './Environments';

const fromConfig = (environments?: object[]) =>
  Environments.fromConfig(
    new ConfigReader(environments ? { flightdeck: { environments } } : {}),
  );

describe('Environments', () => {
  it('defaults to development, staging and production', () => {
    const environments = fromConfig();
    expect(environments.all).toEqual([
      { name: 'development', production: false },
      { name: 'staging', production: false },
      { name: 'production', production: true },
    ]);
    expect(environments.production.name).toBe('production');
  });

  it('keeps the configured order', () => {
    const environments = fromConfig([
      { name: 'qa' },
      { name: 'live', production: true },
    ]);
    expect(environments.names).toEqual(['qa', 'live']);
    expect(environments.production).toEqual({ name: 'live', production: true });
  });

  it('insists on exactly one production environment and unique names', () => {
    expect(() => fromConfig([{ name: 'a' }])).toThrow('found 0');
    expect(() =>
      fromConfig([
        { name: 'a', production: true },
        { name: 'b', production: true },
      ]),
    ).toThrow('found 2');
    expect(() =>
      fromConfig([{ name: 'a', production: true }, { name: 'A' }]),
    ).toThrow('names an environment twice');
  });

  it('looks names up ignoring case and answers the configured one', () => {
    const environments = fromConfig();
    expect(environments.find('Production')).toEqual({
      name: 'production',
      production: true,
    });
    expect(environments.resolve('STAGING')).toBe('staging');
    expect(environments.find('prod')).toBeUndefined();
  });

  it('says which environments there are when a name is unknown', () => {
    expect(() => fromConfig().resolve('prod', 'events[1].environment')).toThrow(
      "events[1].environment: 'prod' is not a configured environment (development, staging, production)",
    );
    expect(() => fromConfig().resolve('qa')).toThrow(
      "environment: 'qa' is not a configured environment",
    );
  });
});
