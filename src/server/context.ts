import type { Logger } from 'pino';
import type { Config } from './platform/config.js';
import type { CryptoService } from './platform/crypto.js';
import type { Database } from './platform/db.js';
import type { Jobs } from './platform/jobs/index.js';
import type { SessionStore } from './access/sessions.js';
import type { FailureWindow } from './access/rate-limit.js';
import type { LimitKeys } from './platform/limits.js';

/** What every module's routes and services receive: built once per app. */
export interface AppContext {
  config: Config;
  database: Database;
  crypto: CryptoService;
  sessions: SessionStore;
  log: Logger;
  /** Background jobs: modules define theirs at app build time; the app starts and stops them. */
  jobs: Jobs;
  limits: {
    /** Failed logins per account (any username, existing or not). */
    loginPerAccount: FailureWindow;
    /** Login attempts per client address. */
    loginPerIp: FailureWindow;
    /** Failed second-factor codes per account. */
    mfaPerAccount: FailureWindow;
  };
  /** Keys of the shared rate limits (HMACs: no address or name is stored), for the public area's store too. */
  limitKeys: LimitKeys;
}
