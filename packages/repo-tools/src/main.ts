/*
 * flightdeck-repo <command> [args]: the repository's own checks and chores,
 * run by ./flightdeck (deps, test, upgrade-backstage, start).
 */
import { commands } from './commands';

async function main(argv: string[]) {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(
      `Usage: flightdeck-repo <command> [args]\n\n${Object.entries(commands)
        .map(([key, { summary }]) => `  ${key.padEnd(16)}${summary}`)
        .join('\n')}\n`,
    );
    return name ? 2 : 0;
  }
  // Our TypeScript modules load as CommonJS, so a dynamic import may hand
  // back their exports under `default`.
  const loaded: any = await command.load();
  return (loaded.run ?? loaded.default.run)(args);
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`flightdeck-repo: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
