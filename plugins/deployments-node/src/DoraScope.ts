/**
 * Which deployments a DORA query covers: a service, a team or everything,
 * in one environment, over a window. Times are UTC ISO 8601.
 *
 * @public
 */
export interface DoraScope {
  entityRef?: string;
  /** A group ref: the services the group owned when they were deployed. */
  owner?: string;
  environment: string;
  from: string;
  to: string;
}
