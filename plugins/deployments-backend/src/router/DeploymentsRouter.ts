import { ContractRouter } from '@flightdeck/ingest-node';
import { deploymentsApi } from '@flightdeck/plugin-deployments-common';

/** The router the deployments endpoints are bound to, one file each. */
export type DeploymentsRouter = ContractRouter<typeof deploymentsApi>;

export const { endpoints } = deploymentsApi;
