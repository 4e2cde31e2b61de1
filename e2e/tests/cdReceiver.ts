import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';

/** What the portal's deploy webhook sends (docs/deployments.md). */
export interface DeployRequest {
  action: 'deploy' | 'rollback';
  entityRef: string;
  environment: string;
  version: string;
  deploymentId: string;
  reason: string;
  requestedBy: string;
}

/**
 * A CD system on loopback, as a team would run behind the webhook provider:
 * it checks the portal's signature, accepts the request, "deploys", and
 * reports the outcome to the portal's deployments API under the id it was
 * given, a moment later, as a real pipeline would.
 */
export async function startCdSystem(options: {
  port: number;
  secret: string;
  portalUrl: string;
  token: string;
}): Promise<{ received: DeployRequest[]; close(): Promise<void> }> {
  const received: DeployRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // As docs/deployments.md tells a receiver: the signature covers the
      // timestamp, and a request older than five minutes is refused.
      const timestamp = String(req.headers['x-flightdeck-timestamp'] ?? '');
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', options.secret)
          .update(`${timestamp}.`)
          .update(body)
          .digest('hex')}`,
      );
      const given = Buffer.from(
        String(req.headers['x-flightdeck-signature-256'] ?? ''),
      );
      if (
        !/^\d+$/.test(timestamp) ||
        Math.abs(Date.now() / 1000 - Number(timestamp)) > 300 ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        res.writeHead(401).end();
        return;
      }
      const request = JSON.parse(body.toString('utf8')) as DeployRequest;
      received.push(request);
      res.writeHead(202).end();
      const startedAt = new Date().toISOString();
      setTimeout(() => {
        void fetch(`${options.portalUrl}/api/deployments/events`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${options.token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            entityRef: request.entityRef,
            environment: request.environment,
            version: request.version,
            status: 'succeeded',
            deploymentId: request.deploymentId,
            startedAt,
            finishedAt: new Date().toISOString(),
            idempotencyKey: `${request.deploymentId}:succeeded`,
          }),
        });
      }, 1_000);
    });
  });
  await new Promise<void>(resolve =>
    server.listen(options.port, '127.0.0.1', resolve),
  );
  return {
    received,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
