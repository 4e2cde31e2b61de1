/** Which deployments a DORA query covers. Times are UTC ISO 8601. */
export interface DoraScope {
  entityRef?: string;
  /** A group ref: the services the group owned when they were deployed. */
  owner?: string;
  environment: string;
  from: string;
  to: string;
}
