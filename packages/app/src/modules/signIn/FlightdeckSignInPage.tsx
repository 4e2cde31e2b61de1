import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  ConfigApi,
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';

const github: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your Skyhop GitHub account',
  apiRef: githubAuthApiRef,
};

/** The sign-in methods named in `flightdeck.signIn.providers`, in order. */
export function signInProviders(
  config: ConfigApi,
): Array<'guest' | SignInProviderConfig> {
  const names = config.getOptionalStringArray(
    'flightdeck.signIn.providers',
  ) ?? ['github'];
  const known = { guest: 'guest' as const, github };
  const unknown = names.filter(name => !(name in known));
  if (unknown.length > 0) {
    throw new Error(
      `flightdeck.signIn.providers names unknown providers: ${unknown.join(
        ', ',
      )}`,
    );
  }
  return names.map(name => known[name as keyof typeof known]);
}

export function FlightdeckSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  return (
    <SignInPage
      {...props}
      title="Welcome to Flightdeck"
      align="center"
      providers={signInProviders(config)}
    />
  );
}
