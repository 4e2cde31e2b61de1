import { createHmac } from 'node:crypto';
import { Route } from './contracts';

/** How a sender signs the body of a webhook, by the header it signs in. */
interface SigningScheme {
  /** The secret the suite's portal is configured with (playwright.config.ts). */
  secret: string;
  sign(body: string, secret: string): string;
}

const hmacSha256 = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const schemes: Record<string, SigningScheme> = {
  // GitHub's deliveries: deployments.github.webhookSecret.
  'x-hub-signature-256': {
    secret: process.env.FLIGHTDECK_E2E_GITHUB_SECRET!,
    sign: hmacSha256,
  },
};

/** The header a signed route declares for its signature. */
export function signatureHeaderOf(route: Route): string {
  const declared = Object.keys(route.endpoint.headers?.shape ?? {});
  const header = declared.find(name => /signature/i.test(name));
  if (!header) {
    throw new Error(
      `${route.title} is signed but declares no signature header`,
    );
  }
  return header;
}

/**
 * The scheme of a signed route. A new one is added above, with its secret
 * passed to the portal in playwright.config.ts and scripts/lib/test.sh.
 */
export function signingSchemeOf(route: Route): SigningScheme {
  const header = signatureHeaderOf(route);
  const scheme = schemes[header.toLowerCase()];
  if (!scheme) {
    throw new Error(
      `${route.title}: no signing scheme for ${header} in e2e/security/signatures.ts`,
    );
  }
  return scheme;
}

/**
 * The headers a signed route declares besides its signature, each with a
 * harmless value: what a sender always sends.
 */
export function otherSignedHeaders(route: Route): Record<string, string> {
  const signature = signatureHeaderOf(route);
  return Object.fromEntries(
    Object.keys(route.endpoint.headers?.shape ?? {})
      .filter(name => name !== signature)
      .map(name => [name, 'security-probe']),
  );
}
