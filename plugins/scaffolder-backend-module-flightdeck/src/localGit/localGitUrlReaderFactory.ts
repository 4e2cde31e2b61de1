import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { LocalGitHost } from './LocalGitHost';
import { LocalGitUrlReader } from './LocalGitUrlReader';

/** The reader of the local git host, when it is configured. */
export const createLocalGitReaders: ReaderFactory = ({
  config,
  logger,
  treeResponseFactory,
}) => {
  const host = LocalGitHost.fromConfig(config);
  if (!host) return [];
  return [
    {
      reader: new LocalGitUrlReader(host, treeResponseFactory, { logger }),
      predicate: (url: URL) => host.owns(url.toString()),
    },
  ];
};

/**
 * Lets every plugin's UrlReader read the local git host's repositories, so
 * that the catalog registers services published there and TechDocs builds
 * their docs.
 *
 * @public
 */
export const localGitUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return createLocalGitReaders;
  },
});
