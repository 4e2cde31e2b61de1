export interface Config {
  flightdeck?: {
    localGitHost?: {
      /**
       * Folder of the local git host: the action `flightdeck:publish:local`
       * creates the bare repository `<directory>/<name>.git` there, which
       * anyone on the machine can `git clone`. A relative path is resolved
       * against the backend's working directory. Without it, the action
       * refuses to run.
       */
      directory?: string;
    };
  };
}
