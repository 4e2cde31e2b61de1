import { validateEnvironment } from './validateEnvironment';

/**
 * `flightdeck-repo env [--production]`: checks the environment variables
 * against the list that .env.example documents, and prints every problem.
 * ./flightdeck runs it before it starts, seeds or resets anything.
 * Production's rules apply with --production or NODE_ENV=production.
 */
export async function run(args: string[]): Promise<number> {
  const unknown = args.filter(arg => arg !== '--production');
  if (unknown.length > 0) {
    process.stderr.write(
      `flightdeck-repo env: unknown argument ${unknown[0]}\nUsage: flightdeck-repo env [--production]\n`,
    );
    return 2;
  }
  const production =
    args.includes('--production') || process.env.NODE_ENV === 'production';
  const rules = production ? 'production' : 'development';
  const problems = validateEnvironment(process.env, { production });
  if (problems.length === 0) {
    process.stdout.write(
      `Environment variables are valid for ${rules} (see .env.example).\n`,
    );
    return 0;
  }
  process.stderr.write(
    `${problems.length} environment variable ${
      problems.length === 1 ? 'problem' : 'problems'
    } (${rules} rules; every variable is documented in .env.example):\n${problems
      .map(problem => `  ${problem}\n`)
      .join('')}`,
  );
  return 1;
}
