/** A subcommand of flightdeck-repo, loaded only when it runs. */
export interface RepoCommand {
  summary: string;
  load(): Promise<{ run(args: string[]): Promise<number> }>;
}

export const commands: Record<string, RepoCommand> = {
  deps: {
    summary: 'dependency rules of the workspace, and its graph in the docs',
    load: () => import('./deps/command'),
  },
  workflows: {
    summary:
      'GitHub Actions workflows: YAML, pinned actions, job timeouts, actionlint',
    load: () => import('./workflows/command'),
  },
  'backstage-sync': {
    summary:
      'move every @backstage/* dependency to one Backstage release together',
    load: () => import('./backstageSync/command'),
  },
  env: {
    summary:
      'check the environment variables against .env.example [--production]',
    load: () => import('./env/command'),
  },
};
