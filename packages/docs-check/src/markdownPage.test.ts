import { parseMarkdownPage } from './markdownPage';

describe('parseMarkdownPage', () => {
  it('reads headings as toc anchors them, and links wherever they are', () => {
    const page = parseMarkdownPage(
      [
        '# The `deploy` runbook',
        '',
        'Read [the rollback](rollback.md#steps) first.',
        '',
        '```sh',
        '# not a heading',
        '[not a link](nowhere.md)',
        '```',
        '',
        '!!! warning',
        '    Check [the backups](backup-restore.md) before.',
        '',
        '| Step | Where |',
        '| ---- | ----- |',
        '| 1    | [Deployments](../deployments.md) |',
        '',
        '- ![diagram](images/flow.svg)',
        '',
        '## Steps',
      ].join('\n'),
    );
    expect(page.headings).toEqual([
      {
        level: 1,
        text: 'The deploy runbook',
        anchor: 'the-deploy-runbook',
        line: 1,
      },
      { level: 2, text: 'Steps', anchor: 'steps', line: 19 },
    ]);
    expect(page.links.map(l => [l.href, l.image])).toEqual([
      ['rollback.md#steps', false],
      ['backup-restore.md', false],
      ['../deployments.md', false],
      ['images/flow.svg', true],
    ]);
    expect(page.links[0].line).toBe(3);
  });
});
