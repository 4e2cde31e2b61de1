import { createServer, type Server } from 'node:http';

/**
 * ${{ values.name }}: ${{ values.description }}
 *
 * Answers /health for Flightdeck's health checks; add your routes below it.
 */
export function createApp(): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const port = Number(process.env.PORT ?? 8080);
  createApp().listen(port, () => {
    console.warn(`${{ values.name }} listening on :${port}`);
  });
}
