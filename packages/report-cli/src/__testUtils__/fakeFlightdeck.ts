import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  /** Sent as JSON, or as it is when a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeFlightdeck {
  /** Base URL, as FLIGHTDECK_URL would hold it. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the portal. It gives the
 * scripted answers first, one per request, then answers like the events
 * endpoint: recorded, or a duplicate when the idempotency key is known.
 */
export async function startFakeFlightdeck(
  scripted: ScriptedAnswer[] = [],
): Promise<FakeFlightdeck> {
  const requests: RecordedRequest[] = [];
  const seenKeys = new Set<string>();
  const queue = [...scripted];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      });
      const answer = queue.shift() ?? ingest(body, seenKeys);
      res.writeHead(answer.status, {
        'Content-Type': 'application/json',
        ...answer.headers,
      });
      const text =
        typeof answer.body === 'string' || answer.body === undefined
          ? answer.body ?? ''
          : JSON.stringify(answer.body);
      res.end(text);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function ingest(body: string, seenKeys: Set<string>): ScriptedAnswer {
  const key = (JSON.parse(body) as { idempotencyKey: string }).idempotencyKey;
  const duplicate = seenKeys.has(key);
  seenKeys.add(key);
  return {
    status: 200,
    body: {
      accepted: duplicate ? 0 : 1,
      duplicates: duplicate ? 1 : 0,
      results: [
        duplicate
          ? { idempotencyKey: key, duplicate }
          : { idempotencyKey: key, deploymentId: 'dep-1', duplicate },
      ],
    },
  };
}

/** A Backstage error body, as the portal's error middleware writes it. */
export function errorAnswer(
  status: number,
  name: string,
  message: string,
): ScriptedAnswer {
  return {
    status,
    body: {
      error: { name, message },
      request: { method: 'POST', url: '/api/deployments/events' },
      response: { statusCode: status },
    },
  };
}
