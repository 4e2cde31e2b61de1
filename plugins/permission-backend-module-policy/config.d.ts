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
       * `scaffolder.template.dry-run` may not be listed: a dry run runs the
       * template sent with it, so it is left to admin groups.
       */
      selfServicePermissions?: string[];
    };
  };
}
