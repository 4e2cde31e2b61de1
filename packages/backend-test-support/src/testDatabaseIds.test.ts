import { testDatabaseIds } from './testDatabaseIds';

describe('testDatabaseIds', () => {
  it('runs on SQLite alone unless told otherwise', () => {
    expect(testDatabaseIds({})).toEqual(['SQLITE_3']);
  });

  it('takes the engines the test run found', () => {
    expect(
      testDatabaseIds({ FLIGHTDECK_TEST_DATABASES: 'SQLITE_3, POSTGRES_15' }),
    ).toEqual(['SQLITE_3', 'POSTGRES_15']);
  });

  it('rejects engine names Backstage cannot start', () => {
    expect(() =>
      testDatabaseIds({ FLIGHTDECK_TEST_DATABASES: 'SQLITE_3,ORACLE' }),
    ).toThrow('unknown engines: ORACLE');
  });
});
