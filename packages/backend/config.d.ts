export interface Config {
  flightdeck?: {
    http?: {
      /**
       * Answers smaller than this many bytes are sent uncompressed, even to
       * clients that accept gzip or Brotli. Default 12288 (12 KiB): below
       * that an answer fits in TCP's first flight, so compressing it saves a
       * remote user no round trip and costs the portal about a millisecond.
       * Lower it when most users reach the portal over a slow link; 0
       * compresses everything.
       */
      compressionThreshold?: number;
    };
  };
}
