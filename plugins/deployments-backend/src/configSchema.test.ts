import { loadConfigSchema } from '@backstage/config-loader';
import path from 'node:path';

/** What Backstage hands out of the plugin's config outside the backend's secrets. */
async function visibleWithoutSecrets(data: object) {
  const schema = await loadConfigSchema({
    dependencies: [],
    packagePaths: [path.resolve(__dirname, '../package.json')],
  });
  const [visible] = schema.process([{ data, context: 'test' }], {
    visibility: ['frontend', 'backend'],
    // The schemas of Backstage's own packages require keys this test leaves out.
    ignoreSchemaErrors: true,
  });
  return visible.data;
}

describe('the configuration schema', () => {
  it('treats where the deploy webhook goes, and how it signs, as secrets', async () => {
    const visible = await visibleWithoutSecrets({
      deployments: {
        providers: {
          webhook: { url: 'http://cd.internal:9000/deploy', secret: 's' },
        },
        rollback: {
          webhook: { url: 'http://cd.internal:9000/rollback', secret: 's' },
        },
        github: { webhookSecret: 'g', previousWebhookSecret: 'h' },
      },
    });
    expect(JSON.stringify(visible)).not.toMatch(/cd\.internal|"[sgh]"/);
  });
});
