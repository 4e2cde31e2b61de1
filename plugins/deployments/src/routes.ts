import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The organisation's Deployments page. @public */
export const rootRouteRef = createRouteRef();
