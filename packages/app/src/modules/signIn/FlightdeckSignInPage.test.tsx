import { ConfigReader } from '@backstage/config';
import { signInProviders } from './FlightdeckSignInPage';

const withProviders = (providers?: string[]) =>
  new ConfigReader(providers ? { flightdeck: { signIn: { providers } } } : {});

describe('signInProviders', () => {
  it('offers GitHub, never guest sign-in, when nothing is configured', () => {
    expect(signInProviders(withProviders())).toEqual([
      expect.objectContaining({ id: 'github-auth-provider' }),
    ]);
  });

  it('offers the configured providers, in order', () => {
    const providers = signInProviders(withProviders(['github', 'guest']));
    expect(providers).toEqual([
      expect.objectContaining({ id: 'github-auth-provider', title: 'GitHub' }),
      'guest',
    ]);
  });

  it('names a provider it does not know instead of hiding it', () => {
    expect(() => signInProviders(withProviders(['okta']))).toThrow(
      'unknown providers: okta',
    );
  });
});
