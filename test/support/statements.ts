import type { TestApp } from './app.js';

/**
 * The texts of the statements the app sends to its database while `fn`
 * runs, on either driver (both go through the handle's client `query`):
 * a count that does not move with the machine's load, unlike a time.
 */
export async function statementsDuring(t: TestApp, fn: () => Promise<unknown>): Promise<string[]> {
  const client = (t.db as unknown as { $client: { query: (...args: any[]) => unknown } }).$client;
  const query = client.query;
  const sent: string[] = [];
  client.query = function (this: unknown, ...args: any[]) {
    sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text));
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = query;
  }
  return sent;
}
