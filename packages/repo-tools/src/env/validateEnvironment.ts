import {
  EnvironmentVariable,
  environmentVariables,
} from './environmentVariables';

export interface ValidationOptions {
  /** Apply production's rules: the variables it cannot run without. */
  production: boolean;
}

/**
 * The problems of an environment, one sentence each, naming the variable,
 * what is wrong with it and what is expected. An empty value counts as
 * unset, as it does for `${VAR:-default}` in app-config files and for the
 * entry script.
 */
export function validateEnvironment(
  env: NodeJS.ProcessEnv,
  options: ValidationOptions,
  variables: EnvironmentVariable[] = environmentVariables,
): string[] {
  const problems: string[] = [];
  for (const variable of variables) {
    const value = env[variable.name];
    if (!value) {
      if (options.production && variable.requiredInProduction) {
        problems.push(
          `${variable.name} is not set; production needs ${variable.format.expected}`,
        );
      }
    } else if (!variable.format.schema.safeParse(value).success) {
      problems.push(
        `${shown(variable, value)} is not ${variable.format.expected}`,
      );
    }
  }
  return problems;
}

// Secrets end up in terminals and CI logs; their length is enough to act on.
// A URL's user:password part is hidden too, even when the URL is malformed.
function shown(variable: EnvironmentVariable, value: string): string {
  return variable.secret
    ? `${variable.name} (hidden, ${value.length} characters)`
    : `${variable.name}=${JSON.stringify(
        value.replace(/\/\/[^/@\s]*@/, '//***@'),
      )}`;
}
