import { AuthService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ForwardedError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { examples } from './catalogWait.examples';

const DEFAULT_TIMEOUT_SECONDS = 60;
const FIRST_PAUSE_MS = 250;
const LONGEST_PAUSE_MS = 2000;

/**
 * `flightdeck:catalog:wait`: waits until the catalog has processed an entity
 * that an earlier step registered, so that a link to it works the moment
 * the template shows it. `catalog:register` returns as soon as the location
 * is stored; the catalog reads it and makes its entities a few seconds
 * later.
 */
export function createCatalogWaitAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  /** Tests shorten the wait between looks. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}) {
  const { catalog, auth } = options;
  const pause =
    options.sleep ??
    ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));

  return createTemplateAction({
    id: 'flightdeck:catalog:wait',
    description: `Waits until the catalog has processed an entity, such as the one catalog:register just registered, so that the template's "Open in the catalog" link works when it is shown. It looks again after 0.25, 0.5 and 1 second, then every 2 seconds, and fails after timeoutSeconds (default ${DEFAULT_TIMEOUT_SECONDS})`,
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The entity to wait for (kind component and namespace default unless given), such as the entityRef output of catalog:register',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .min(1)
            .max(600)
            .optional()
            .describe(
              `How long to wait, 1 to 600 seconds (default ${DEFAULT_TIMEOUT_SECONDS})`,
            ),
      },
      output: {
        entityRef: z => z.string().describe('The entity, as a full entity ref'),
      },
    },
    async handler(ctx) {
      const ref = entityRefOf(ctx.input.entityRef);
      const display = stringifyEntityRef(ref);
      const timeoutSeconds =
        ctx.input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
      const deadline = Date.now() + timeoutSeconds * 1000;

      for (let looks = 0; ; looks++) {
        ctx.signal?.throwIfAborted();
        // The portal's own credentials: the question is whether the catalog
        // has processed the entity, not whether this user may read it.
        let found: boolean;
        try {
          found = !!(await catalog.getEntityByRef(ref, {
            credentials: await auth.getOwnServiceCredentials(),
          }));
        } catch (error) {
          throw new ForwardedError(
            `Could not look for ${display} in the catalog`,
            error,
          );
        }
        if (found) break;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new NotFoundError(
            `${display} is not in the catalog after ${timeoutSeconds} seconds: the catalog has not processed the location it was registered from yet, or could not (its processing errors tell why)`,
          );
        }
        if (looks === 0) {
          ctx.logger.info(`Waiting for the catalog to process ${display}`);
        }
        await pause(
          Math.min(FIRST_PAUSE_MS * 2 ** looks, LONGEST_PAUSE_MS, left),
          ctx.signal,
        );
      }
      ctx.logger.info(`${display} is in the catalog`);
      ctx.output('entityRef', display);
    },
  });
}

function entityRefOf(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`Invalid entityRef '${entityRef}'`, error);
  }
}
