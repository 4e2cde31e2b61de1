import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';

/** What a CD system on loopback received. */
export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A CD system on loopback that records what it is sent and answers with
 * `status` (202 unless a test changes it). Start it in `beforeAll`; it resets
 * before each test and closes after the file.
 */
export function cdReceiver(path = '/deploy') {
  const state = {
    url: '',
    status: 202,
    received: [] as ReceivedRequest[],
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      state.received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }${path}`;
  });
  beforeEach(() => {
    state.received = [];
    state.status = 202;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  return state;
}
