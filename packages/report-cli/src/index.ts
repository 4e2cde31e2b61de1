import { main } from './main';

main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  now: () => new Date(),
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `flightdeck-report: unexpected failure: ${error?.stack ?? error}\n`,
    );
    process.exitCode = 1;
  },
);
