export interface Config {
  flightdeck?: {
    signIn?: {
      /**
       * Sign-in methods offered on the sign-in page, in this order:
       * `guest` (local portal) and `github` (production).
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
