import { InputError } from '@backstage/errors';
import { Environments } from '@flightdeck/ingest-node';
import { DoraMetrics } from '@flightdeck/plugin-deployments-common';
import { DoraCalculator } from './DoraCalculator';

const DAY_MS = 24 * 3600 * 1000;
/** Without `from`, the metrics cover the 30 days before `to`. */
const DEFAULT_WINDOW_DAYS = 30;
/** A year and a day: a yearly review, and no scan of all history. */
const MAX_WINDOW_DAYS = 366;

/** What a caller asks for; every field may be left out. */
export interface DoraRequest {
  entityRef?: string;
  owner?: string;
  environment?: string;
  from?: string;
  to?: string;
}

/**
 * DORA metrics as the API offers them: the environment defaults to the
 * production one and is taken in any case; the window defaults to the 30
 * days before now and may span at most 366 days.
 */
export class DoraService {
  constructor(
    private readonly calculator: DoraCalculator,
    private readonly environments: Environments,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async metrics(request: DoraRequest): Promise<DoraMetrics> {
    return this.calculator.compute({
      entityRef: request.entityRef,
      owner: request.owner,
      ...this.scopeOf(request),
    });
  }

  /** Each team's metrics over the same window, in the order asked. */
  async metricsByOwner(
    owners: string[],
    request: Omit<DoraRequest, 'entityRef' | 'owner'>,
  ): Promise<Array<{ owner: string; metrics: DoraMetrics }>> {
    const scope = this.scopeOf(request);
    return Promise.all(
      owners.map(async owner => ({
        owner,
        metrics: await this.calculator.compute({ ...scope, owner }),
      })),
    );
  }

  private scopeOf(request: DoraRequest) {
    const environment = request.environment
      ? this.environments.resolve(request.environment)
      : this.environments.production.name;
    const to = request.to ? new Date(request.to) : this.clock();
    const from = request.from
      ? new Date(request.from)
      : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (from >= to) {
      throw new InputError('from: must be before to');
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw new InputError(
        `the window may span at most ${MAX_WINDOW_DAYS} days`,
      );
    }
    return { environment, from: from.toISOString(), to: to.toISOString() };
  }
}
