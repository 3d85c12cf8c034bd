/**
 * The settle state of a promise, read without awaiting it: for tests that
 * advance fake timers and check that a call is still pending, or failed.
 */
export function track<T>(promise: Promise<T>): { settled: boolean; error?: Error } {
  const state: { settled: boolean; error?: Error } = { settled: false };
  promise.then(
    () => (state.settled = true),
    (error: Error) => Object.assign(state, { settled: true, error }),
  );
  return state;
}
