import { eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { instanceSettings } from './platform.tables.js';

/**
 * A step a migration asks the server to run once at its next start (what
 * SQL cannot do: it needs the keys). The migration inserts the setting; the
 * step runs, and the request is cleared only once it finished, so a crash
 * runs it again at the next start. Null when nothing was asked.
 */
export async function runIfAsked<T>(db: Db, setting: string, step: () => Promise<T>): Promise<T | null> {
  const [asked] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, setting));
  if (!asked) return null;
  const result = await step();
  await db.delete(instanceSettings).where(eq(instanceSettings.key, setting));
  return result;
}
