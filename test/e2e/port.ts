import assert from 'node:assert/strict';

/**
 * Fails at once when something already answers on the test's port (a
 * server left over by an earlier run): the journey would otherwise run
 * against that server and its old data, and fail in confusing ways.
 */
export async function assertPortFree(base: string): Promise<void> {
  const answered = await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  );
  assert.equal(answered, false, `${base} is already in use: stop the process listening there and run again`);
}
