import { z } from 'zod';

/** What an environment variable's value must look like. */
export interface VariableFormat {
  /**
   * The expected form as a noun phrase, so that it completes both
   * `X="..." is not <expected>` and `expected <expected>`.
   */
  expected: string;
  schema: z.ZodType<unknown, string>;
}

const format = (
  expected: string,
  schema: z.ZodType<unknown, string>,
): VariableFormat => ({ expected, schema });

const withoutSpaces = /^\S+$/;

export const portNumber = format(
  'a port number (1-65535)',
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(65535)),
);

export const positiveInteger = format(
  'a whole number of at least 1',
  z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().min(1)),
);

export function oneOf(...values: [string, ...string[]]): VariableFormat {
  return format(`one of ${values.join('|')}`, z.enum(values));
}

export const absolutePath = format(
  'an absolute path',
  z.string().startsWith('/'),
);

// Backstage joins paths onto base URLs; a trailing slash makes `//` of them.
export const httpBaseUrl = format(
  'an http(s) URL without a trailing slash, e.g. https://flightdeck.skyhop.example',
  z
    .url({ protocol: /^https?$/, hostname: /./ })
    .refine(url => !url.endsWith('/')),
);

export const redisUrl = format(
  'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
  z.url({ protocol: /^rediss?$/, hostname: /./ }),
);

export const postgresUrl = format(
  'a postgresql:// URL, e.g. postgresql://postgres@127.0.0.1:5432',
  z.url({ protocol: /^postgres(ql)?$/, hostname: /./ }),
);

// node-postgres also takes the folder of a Unix socket as its host.
export const hostName = format(
  'a host name, an IP address or a socket folder (/...)',
  z.union([z.hostname(), z.ipv4(), z.ipv6(), z.string().startsWith('/')]),
);

export function token(minLength: number): VariableFormat {
  return format(
    `a token of at least ${minLength} characters without spaces`,
    z.string().min(minLength).regex(withoutSpaces),
  );
}

export const word = format(
  'a value without spaces',
  z.string().regex(withoutSpaces),
);

export const anyText = format('any text', z.string());

// The rule scripts/reset-postgres.mjs applies before it drops databases.
export const databasePrefix = format(
  'lowercase letters, digits and _, starting with a letter (e.g. flightdeck_)',
  z.string().regex(/^[a-z][a-z0-9_]*$/),
);

const testDatabaseId = 'SQLITE_3|POSTGRES_\\d+';
export const testDatabaseList = format(
  'a comma-separated list of SQLITE_3 and POSTGRES_<major>, e.g. SQLITE_3,POSTGRES_15',
  z
    .string()
    .regex(new RegExp(`^(${testDatabaseId})(\\s*,\\s*(${testDatabaseId}))*$`)),
);
