import {
  absolutePath,
  anyText,
  databasePrefix,
  hostName,
  httpBaseUrl,
  oneOf,
  portNumber,
  positiveInteger,
  postgresUrl,
  redisUrl,
  testDatabaseList,
  token,
  VariableFormat,
  word,
} from './formats';

/** An environment variable that the portal, ./flightdeck or the tests read. */
export interface EnvironmentVariable {
  name: string;
  format: VariableFormat;
  /** The value used when it is unset, as .env.example shows it. */
  default?: string;
  /** Its value is never printed. */
  secret?: boolean;
  /** Read only by app-config.production.yaml (the container). */
  productionOnly?: boolean;
  /** Production (NODE_ENV=production or --production) cannot run without it. */
  requiredInProduction?: boolean;
}

/**
 * Every variable, grouped as in .env.example, which documents each one. Tests
 * keep the two lists equal and check that every `${VAR}` of the app-config
 * files is here.
 */
export const environmentVariables: EnvironmentVariable[] = [
  // The portal
  { name: 'FLIGHTDECK_PORT', format: portNumber, default: '7007' },
  { name: 'FLIGHTDECK_HOST', format: hostName, default: '127.0.0.1' },
  { name: 'FLIGHTDECK_DATA_DIR', format: absolutePath },
  {
    name: 'FLIGHTDECK_INGEST_TOKEN',
    format: token(32),
    secret: true,
    requiredInProduction: true,
  },
  { name: 'FLIGHTDECK_LOCAL_TOKEN', format: token(32), secret: true },
  {
    name: 'NODE_ENV',
    format: oneOf('development', 'production', 'test'),
    default: 'development',
  },
  { name: 'GITHUB_TOKEN', format: word, secret: true },

  // The database
  {
    name: 'FLIGHTDECK_DB',
    format: oneOf('sqlite', 'postgres'),
    default: 'sqlite',
  },
  {
    name: 'POSTGRES_HOST',
    format: hostName,
    default: '127.0.0.1',
    requiredInProduction: true,
  },
  { name: 'POSTGRES_PORT', format: portNumber, default: '5432' },
  { name: 'POSTGRES_USER', format: word, default: 'postgres' },
  { name: 'POSTGRES_PASSWORD', format: anyText, secret: true },
  {
    name: 'FLIGHTDECK_DB_PREFIX',
    format: databasePrefix,
    default: 'flightdeck_',
  },

  // The cache
  {
    name: 'REDIS_URL',
    format: redisUrl,
    default: 'redis://127.0.0.1:6379',
    requiredInProduction: true,
  },

  // Production only
  {
    name: 'FLIGHTDECK_BASE_URL',
    format: httpBaseUrl,
    productionOnly: true,
    requiredInProduction: true,
  },
  {
    name: 'AUTH_SESSION_SECRET',
    format: token(32),
    secret: true,
    productionOnly: true,
    requiredInProduction: true,
  },
  {
    name: 'AUTH_GITHUB_CLIENT_ID',
    format: word,
    productionOnly: true,
    requiredInProduction: true,
  },
  {
    name: 'AUTH_GITHUB_CLIENT_SECRET',
    format: word,
    secret: true,
    productionOnly: true,
    requiredInProduction: true,
  },

  // Repository tooling
  {
    name: 'FLIGHTDECK_TURBO_CONCURRENCY',
    format: positiveInteger,
    default: '2',
  },
  { name: 'TURBO_TOKEN', format: word, secret: true },
  { name: 'TURBO_TEAM', format: word },
  { name: 'TURBO_API', format: httpBaseUrl },
  { name: 'FLIGHTDECK_UPGRADE_PORT', format: portNumber, default: '7077' },

  // Tests
  { name: 'CI', format: anyText },
  {
    name: 'FLIGHTDECK_TEST_POSTGRES_URL',
    format: postgresUrl,
    default: 'postgresql://postgres@127.0.0.1:5432',
  },
  {
    name: 'FLIGHTDECK_TEST_DATABASES',
    format: testDatabaseList,
    default: 'SQLITE_3',
  },
  { name: 'FLIGHTDECK_E2E_PORT', format: portNumber, default: '7017' },
  { name: 'FLIGHTDECK_E2E_CD_PORT', format: portNumber },
  { name: 'FLIGHTDECK_E2E_CD_SECRET', format: word, secret: true },
  { name: 'FLIGHTDECK_E2E_GITHUB_SECRET', format: word, secret: true },
  { name: 'FLIGHTDECK_E2E_PORTAL_DATA_DIR', format: absolutePath },
  { name: 'CHROMIUM_PATH', format: absolutePath, default: '/usr/bin/chromium' },
  { name: 'MKDOCS', format: anyText, default: 'mkdocs' },
  { name: 'HUSKY', format: oneOf('0', '1') },
];
