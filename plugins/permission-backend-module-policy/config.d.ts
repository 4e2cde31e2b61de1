export interface Config {
  flightdeck?: {
    permissions?: {
      /**
       * Groups whose members may do everything, as entity refs
       * (`group:default/platform-engineering` or just `platform-engineering`).
       */
      adminGroups?: string[];
      /**
       * Permission names every signed-in user holds in addition to the
       * built-in self-service set (creating and registering services).
       */
      selfServicePermissions?: string[];
    };
  };
}
