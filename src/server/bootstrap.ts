import type { Logger } from 'pino';
import type { AppContext } from './context.js';
import { FailureWindow } from './access/rate-limit.js';
import { LimitKeys } from './platform/limits.js';
import { SlidingWindows } from './platform/limits.windows.js';
import { AuditKeyring, useAuditKeys } from './audit/audit.writer.js';
import { SessionStore } from './access/sessions.js';
import type { Config } from './platform/config.js';
import { CryptoService } from './platform/crypto.js';
import { type Database, openPglite, openPostgres } from './platform/db.js';
import { lockDataDir } from './platform/lock.js';
import { Jobs } from './platform/jobs/index.js';
import path from 'node:path';

/**
 * Opens the configured database — PGlite under DATA_DIR (after taking its
 * exclusive lock) or PostgreSQL at DATABASE_URL — and applies migrations.
 */
export async function openDatabase(config: Config): Promise<{ database: Database; release: () => void }> {
  if (config.secrets.databaseUrl) {
    const database = await openPostgres(config.secrets.databaseUrl);
    await database.migrate();
    return { database, release: () => undefined };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const database = await openPglite(path.join(config.dataDir, 'pgdata'));
    await database.migrate();
    return { database, release };
  } catch (err) {
    release();
    throw err;
  }
}

export interface ContextOptions {
  /** Rate limits (tests shrink or widen them). */
  limits?: Partial<Record<keyof AppContext['limits'], { max: number; windowMs: number }>>;
  /** The rate limits' clock (tests move it forward instead of waiting for a window to empty). */
  limitClock?: () => Date;
}

export function createContext(config: Config, database: Database, log: Logger, options: ContextOptions = {}): AppContext {
  // Rate limits live in the database, so every server of the instance counts the same attempts.
  const limitKeys = new LimitKeys(config.secrets.sessionSecret);
  const windows = new SlidingWindows(database.db, limitKeys, options.limitClock);
  const window = (key: keyof AppContext['limits'], bucket: string, max: number, windowMs: number) => {
    const l = options.limits?.[key];
    return new FailureWindow(windows, bucket, l?.max ?? max, l?.windowMs ?? windowMs);
  };
  // The audit chain's HMAC keys (outside the database), for every writer of this process.
  useAuditKeys(new AuditKeyring(config.secrets.auditKey, config.secrets.previousAuditKeys));
  return {
    config,
    database,
    log,
    jobs: new Jobs(database, { log, ...config.jobs }),
    crypto: new CryptoService(config.secrets.masterKey, config.secrets.previousMasterKeys),
    sessions: new SessionStore(config.secrets.sessionSecret, config.session),
    limits: {
      loginPerAccount: window('loginPerAccount', 'login_account', 10, 15 * 60_000),
      loginPerIp: window('loginPerIp', 'login_address', 50, 15 * 60_000),
      mfaPerAccount: window('mfaPerAccount', 'mfa_account', 5, 15 * 60_000),
    },
    limitKeys,
  };
}
