import {
  absolutePath,
  databasePrefix,
  hostName,
  httpBaseUrl,
  oneOf,
  portNumber,
  postgresUrl,
  redisUrl,
  testDatabaseList,
  token,
  VariableFormat,
  word,
} from './formats';

const accepts = (format: VariableFormat, value: string) =>
  format.schema.safeParse(value).success;

describe.each<[string, VariableFormat, string[], string[]]>([
  [
    'portNumber',
    portNumber,
    ['1', '7007', '65535'],
    ['0', '65536', '70o7', '80.5', '-1', '123456', ' 7007'],
  ],
  [
    'oneOf(sqlite, postgres)',
    oneOf('sqlite', 'postgres'),
    ['sqlite', 'postgres'],
    ['SQLite', 'postgresql', 'mysql'],
  ],
  [
    'absolutePath',
    absolutePath,
    ['/tmp/data', '/'],
    ['tmp/data', './data', '~/data'],
  ],
  [
    'httpBaseUrl',
    httpBaseUrl,
    [
      'https://flightdeck.skyhop.example',
      'http://localhost:7007',
      'https://skyhop.example/portal',
    ],
    [
      'https://flightdeck.skyhop.example/',
      'ftp://skyhop.example',
      'flightdeck.skyhop.example',
      'https://',
    ],
  ],
  [
    'redisUrl',
    redisUrl,
    ['redis://127.0.0.1:6379', 'rediss://user:secret@cache.internal:6380/2'],
    ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis:/cache', 'redis://'],
  ],
  [
    'postgresUrl',
    postgresUrl,
    [
      'postgresql://postgres@127.0.0.1:5432',
      'postgres://user:secret@db.internal/flightdeck',
    ],
    ['http://db.internal', '127.0.0.1:5432', 'postgresql://'],
  ],
  [
    'hostName',
    hostName,
    ['localhost', 'db.internal', '127.0.0.1', '::1', '/var/run/postgresql'],
    ['http://db.internal:5432', 'db.internal:5432', 'local host'],
  ],
  [
    'token(32)',
    token(32),
    ['a'.repeat(32), 'Zq3-_x'.repeat(8)],
    ['a'.repeat(31), `${'a'.repeat(16)} ${'a'.repeat(16)}`],
  ],
  ['word', word, ['Iv1.0123abcd', 'ghp_x'], ['two words', 'tab\tinside']],
  [
    'databasePrefix',
    databasePrefix,
    ['flightdeck_', 'fd_trial_2'],
    ['Flightdeck_', '1fd_', 'flightdeck-', 'fd;drop'],
  ],
  [
    'testDatabaseList',
    testDatabaseList,
    ['SQLITE_3', 'SQLITE_3,POSTGRES_15', 'SQLITE_3, POSTGRES_15'],
    ['sqlite', 'SQLITE_3,', 'MYSQL_8', 'POSTGRES'],
  ],
])('%s', (_name, format, valid, invalid) => {
  it.each(valid)('accepts %j', value => {
    expect(accepts(format, value)).toBe(true);
  });
  it.each(invalid)('rejects %j', value => {
    expect(accepts(format, value)).toBe(false);
  });
});
