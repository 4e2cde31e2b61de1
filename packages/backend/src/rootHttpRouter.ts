import {
  RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import compression from 'compression';
import type { Server } from 'node:http';

const COMPRESSION_THRESHOLD_KEY = 'flightdeck.http.compressionThreshold';

/**
 * Answers smaller than this go out uncompressed (the compression package's
 * own default is 1 KiB).
 *
 * Measured on the deployments answers (docs/testing.md, "Compression
 * threshold"): gzip through the portal adds about 1 ms per answer at p50 and
 * several at p95, whatever the answer's size, while the bytes it saves are
 * worth a tenth of that or less on loopback or a gigabit LAN. It pays once
 * an answer no longer fits in TCP's first flight (10 segments, about
 * 14.5 KB, less 0.85 KB of headers), where each further flight costs a
 * remote user a round trip. 12 KiB stays under that with room for a
 * proxy's headers.
 */
export const DEFAULT_COMPRESSION_THRESHOLD_BYTES = 12 * 1024;

/** Reads the compression threshold, in bytes, from the app config. */
export function readCompressionThreshold(config: Config): number {
  const threshold = config.getOptionalNumber(COMPRESSION_THRESHOLD_KEY);
  if (threshold === undefined) return DEFAULT_COMPRESSION_THRESHOLD_BYTES;
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new Error(
      `${COMPRESSION_THRESHOLD_KEY} must be a whole number of bytes, 0 or more; got ${threshold}`,
    );
  }
  return threshold;
}

/**
 * The root router's middleware as `applyDefaults` of
 * `@backstage/backend-defaults` 0.19.0 sets it up, in the same order, except
 * that compression skips answers below the threshold. `applyDefaults` takes
 * no options, so the chain is written out; compare it with the new release's
 * when Backstage is upgraded.
 */
export function configureRootHttpRouter(
  context: RootHttpRouterConfigureContext,
): void {
  const { app, server, middleware, routes, healthRouter, config, logger } =
    context;
  const threshold = readCompressionThreshold(config);

  if (process.env.NODE_ENV === 'development') {
    app.set('json spaces', 2);
  }
  const trustProxy = config.getOptional('backend.trustProxy');
  if (trustProxy !== undefined) {
    app.set('trust proxy', trustProxy);
  }
  applyServerSettings(server, config, logger);

  app.use(middleware.helmet());
  app.use(middleware.cors());
  app.use(compression({ threshold }));
  app.use(middleware.logging());
  app.use(middleware.rateLimit());
  app.use(healthRouter);
  app.use(routes);
  app.use(middleware.notFound());
  app.use(middleware.error());
}

/** `backend.server.*`: timeouts and limits of the Node.js HTTP server. */
function applyServerSettings(
  server: Server,
  config: Config,
  logger: LoggerService,
) {
  const serverConfig = config.getOptionalConfig('backend.server');
  if (!serverConfig) return;
  const durations = [
    'headersTimeout',
    'requestTimeout',
    'keepAliveTimeout',
    'timeout',
  ] as const;
  for (const key of durations) {
    if (!serverConfig.has(key)) continue;
    const value = serverConfig.getOptional(key);
    if (typeof value === 'number') {
      server[key] = value;
      continue;
    }
    try {
      server[key] = durationToMilliseconds(
        readDurationFromConfig(serverConfig, { key }),
      );
    } catch (error) {
      logger.warn(
        `Failed to parse backend.server.${key} as duration: ${error}; expected milliseconds, a duration string ('30s'), an ISO duration ('PT30S') or a duration object ({ seconds: 30 })`,
      );
    }
  }
  const maxHeadersCount = serverConfig.getOptionalNumber('maxHeadersCount');
  if (maxHeadersCount !== undefined) server.maxHeadersCount = maxHeadersCount;
  const maxRequestsPerSocket = serverConfig.getOptionalNumber(
    'maxRequestsPerSocket',
  );
  if (maxRequestsPerSocket !== undefined) {
    server.maxRequestsPerSocket = maxRequestsPerSocket;
  }
}

/**
 * The root HTTP router with Flightdeck's compression threshold; everything
 * else is Backstage's default.
 */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure: configureRootHttpRouter,
});
