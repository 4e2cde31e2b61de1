import { ConfigReader } from '@backstage/config';
import { readEnvironments } from './environments';

describe('readEnvironments', () => {
  it('defaults to development, staging and production', () => {
    expect(readEnvironments(new ConfigReader({}))).toEqual([
      { name: 'development', production: false },
      { name: 'staging', production: false },
      { name: 'production', production: true },
    ]);
  });

  it('keeps the configured order', () => {
    const config = new ConfigReader({
      flightdeck: {
        environments: [{ name: 'qa' }, { name: 'live', production: true }],
      },
    });
    expect(readEnvironments(config).map(e => e.name)).toEqual(['qa', 'live']);
  });

  it('insists on exactly one production environment and unique names', () => {
    const read = (environments: object[]) =>
      readEnvironments(new ConfigReader({ flightdeck: { environments } }));
    expect(() => read([{ name: 'a' }])).toThrow('found 0');
    expect(() =>
      read([
        { name: 'a', production: true },
        { name: 'b', production: true },
      ]),
    ).toThrow('found 2');
    expect(() =>
      read([{ name: 'a', production: true }, { name: 'a' }]),
    ).toThrow('twice');
  });
});
