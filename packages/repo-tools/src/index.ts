export { commands } from './commands';
export type { RepoCommand } from './commands';
