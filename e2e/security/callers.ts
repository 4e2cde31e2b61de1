import { expect, test as base } from '@playwright/test';

/** The credentials the portal knows, one of each kind of caller. */
export interface Callers {
  /** A signed-in user's Backstage token: the guest's. */
  user: string;
  /** The ingest token: an external-access token, a service's credentials. */
  service: string;
}

export type CallerKind = keyof Callers;

export const callerKinds: readonly CallerKind[] = ['user', 'service'];

/** The tests of this project, with `callers` signed in once per worker. */
export const test = base.extend<{}, { callers: Callers }>({
  callers: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({
        baseURL: workerInfo.project.use.baseURL,
      });
      const response = await request.get('/api/auth/guest/refresh', {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      expect(response.status(), await response.text()).toBe(200);
      const user: string = (await response.json()).backstageIdentity.token;
      await request.dispose();
      await use({ user, service: process.env.FLIGHTDECK_INGEST_TOKEN! });
    },
    { scope: 'worker' },
  ],
});

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Statuses that mean the caller was turned away at the door. */
export const REFUSED = [401, 403];
