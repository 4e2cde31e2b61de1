/** Whose deployments a view shows: a service's, a team's, or everyone's. */
export interface DeploymentScope {
  entityRef?: string;
  owner?: string;
}
