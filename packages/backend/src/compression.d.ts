// The part of the compression package's API the root router uses. Its
// DefinitelyTyped package, @types/compression, depends on @types/express@*,
// which resolves to Express 5's types, while Backstage's routers take
// Express 4's handlers.
declare module 'compression' {
  import type { HttpRouterService } from '@backstage/backend-plugin-api';

  type Middleware = Parameters<HttpRouterService['use']>[0];

  export default function compression(options?: {
    /** Answers below this many bytes are sent uncompressed; default 1 KiB. */
    threshold?: number | string;
  }): Middleware;
}
