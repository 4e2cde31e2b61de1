import { mockCredentials } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import request from 'supertest';

/**
 * Runs a template for real through the scaffolder's tasks API, as the user
 * given, and answers how the task ended with its log and output.
 */
export async function runTask(
  server: Server,
  body: { templateRef: string; values: object },
  options: { user?: string; timeoutMs?: number } = {},
) {
  const auth = mockCredentials.user.header(options.user);
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send(body);
  if (created.status !== 201) {
    throw new Error(
      `The task was refused: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let status = 'open';
  while (!['completed', 'failed', 'cancelled'].includes(status)) {
    if (Date.now() > deadline) throw new Error(`The task is still ${status}`);
    await new Promise(resolve => setTimeout(resolve, 100));
    const task = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
      .set('Authorization', auth);
    status = task.body.status;
  }
  const events = await request(server)
    .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
    .set('Authorization', auth);
  const log: string[] = events.body
    .filter((e: { type: string }) => e.type === 'log')
    .map((e: { body: { message: string } }) => e.body.message);
  const completion = events.body.find(
    (e: { type: string }) => e.type === 'completion',
  );
  return {
    id: created.body.id as string,
    status,
    log,
    output: completion?.body.output,
  };
}
