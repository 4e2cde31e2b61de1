/**
 * A `sleep` for the actions that wait, which takes no time: it records each
 * pause and moves jest's fake clock on as if the pause had been taken. Call
 * it in a `describe`: it installs the fake clock around each test.
 */
export function fakeSleep() {
  const pauses: number[] = [];
  beforeEach(() => {
    pauses.length = 0;
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
  });
  afterEach(() => jest.useRealTimers());
  const sleep = async (ms: number) => {
    pauses.push(ms);
    jest.setSystemTime(Date.now() + ms);
  };
  return { pauses, sleep };
}
