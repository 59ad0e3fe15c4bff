import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A 32-byte key given as base64 (44 chars) or hex (64 chars). */
const key32 = z.string().refine((v) => decodeKey(v) !== null, {
  message: 'must be 32 bytes, base64 or hex encoded',
});

/**
 * The only schema of the process environment. Parsed once at boot; every
 * invalid variable is reported at once; secrets are never printed.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TRAMA_DEMO: bool.optional(),
  TRAMA_INSTANCE_NAME: z.string().min(1).max(120).default('Trama'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRAMA_MASTER_KEY: key32.optional(),
  /** Comma-separated previous master keys, kept only while `keys:rotate` runs. */
  TRAMA_MASTER_KEY_PREVIOUS: z
    .string()
    .optional()
    .refine((v) => !v || v.split(',').every((k) => decodeKey(k.trim()) !== null), {
      message: 'every key must be 32 bytes, base64 or hex encoded',
    }),
  /** Keys the audit chain (HMAC-SHA256); kept outside the database. */
  AUDIT_HMAC_KEY: key32.optional(),
  /** Comma-separated previous audit keys: kept as long as rows or checkpoints signed with them must be verified. */
  AUDIT_HMAC_KEY_PREVIOUS: z
    .string()
    .optional()
    .refine((v) => !v || v.split(',').every((k) => decodeKey(k.trim()) !== null), {
      message: 'every key must be 32 bytes, base64 or hex encoded',
    }),
  /** Where the signed checkpoints of the audit chain's head are appended (default DATA_DIR). */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** A checkpoint every this many minutes (when the chain grew), every AUDIT_CHECKPOINT_ROWS rows, and at shutdown. */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  AUDIT_CHECKPOINT_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
  /** Where the public page's quick-exit button sends her: a neutral, ordinary site. */
  /** Requests per minute per client address on each public route (the "Trova aiuto" page and API). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000_000).default(60),
  /** Run the job workers in this process (default on, off in tests: they drive jobs with runDue). */
  JOBS_WORKERS: bool.optional(),
  /** Seconds between two polls of a job queue by a worker. */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(600).default(5),
  CASE_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RISK_REASSESS_WEEKS: z.coerce.number().int().min(1).max(104).default(8),
  /** Days from the day the centre learnt of violence against a minor to the mandatory report's reminder (docs/minors.md). */
  MINOR_REPORT_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Days from the same day to the referral to the child-protection service's reminder. */
  MINOR_REFERRAL_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  /** A referral with no answer this many hours after it was sent: its sender is reminded, once. */
  REFERRAL_REMIND_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(48),
  /** A referral with no answer this many days after it was sent expires (its sender is told). */
  REFERRAL_EXPIRE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Minutes a structure's accepted proposal holds its places before they are free again (docs/shelters.md). */
  SHELTER_HOLD_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(90),
  /** An emergency admission to a shelter waits this many hours for the social service's authorisation before the coordinator is told (docs/shelters.md). */
  SHELTER_AUTHORISATION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  /** The Reddito di libertà (docs/autonomy.md): the amount INPS pays per month, in euro cents, as the law sets it today. */
  REDDITO_LIBERTA_MONTHLY_CENTS: z.coerce.number().int().min(0).max(10_000_000).default(50_000),
  /** …and for how many months at most. */
  REDDITO_LIBERTA_MONTHS: z.coerce.number().int().min(1).max(36).default(12),
  /** A step of an application that waits this many days reminds the case's team. */
  REDDITO_LIBERTA_STEP_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** A notification she read is deleted this many days after she read it (the nightly prune). */
  NOTIFICATIONS_READ_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Any notification, read or not, is deleted this many days after it was raised. */
  NOTIFICATIONS_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** A job's once-only key is deleted after this many days: far past any retry or catch-up (hours, two days). */
  JOB_KEYS_KEEP_DAYS: z.coerce.number().int().min(7).max(3650).default(30),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  QUICK_EXIT_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://www.google.com/search?q=meteo'),
  /** The SMTP server for notification e-mails (smtp:// or smtps://, credentials in the URL). Unset: no e-mail at all (the default). */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  /** The sender of notification e-mails. */
  MAIL_FROM: z.string().min(3).max(200).default('Trama <no-reply@localhost>'),
  /** The address staff open Trama at: e-mails link to its notification centre (default http://localhost:PORT). */
  TRAMA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

/** The package version, read once. */
const packageVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface Config {
  version: string;
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /**
   * DATABASE_URL with its password masked, for display only; connect with
   * `secrets.databaseUrl` (the URL may carry a password).
   */
  databaseUrl: string | undefined;
  /** Load the demo network on an empty database. */
  demo: boolean;
  /**
   * TRAMA_DEMO=true was set by hand (not the embedded default): only then may
   * an instance with the demo accounts listen beyond the loopback address.
   */
  demoExplicit: boolean;
  instanceName: string;
  logLevel: string;
  trustProxy: boolean;
  bodyLimit: number;
  /** The neutral site the quick-exit button of the public pages opens. */
  quickExitUrl: string;
  /** Requests per minute per client address on each public route. */
  publicRateLimitPerMinute: number;
  /** Background jobs (platform/jobs): run workers here, and how often they poll. */
  jobs: { workers: boolean; pollSeconds: number };
  /** A pathway with no contact for this many days shows as stale on its team's task list. */
  caseStaleDays: number;
  /** Weeks after the latest risk assessment when a re-assessment falls due (docs/risk.md). */
  riskReassessWeeks: number;
  /** A minor's case: days to the mandatory report and to the referral to the child-protection service (docs/minors.md). */
  minorDeadlineDays: { report: number; referral: number };
  /** Referrals left unanswered: the sender is reminded after `remindHours`, the referral expires after `expireDays` (docs/referrals.md). */
  referrals: { remindHours: number; expireDays: number };
  /** Shelters' placement holds (docs/shelters.md). */
  shelterHoldMinutes: number;
  /** Hours an emergency admission's authorisation may wait before the network coordinator is told (docs/shelters.md). */
  shelterAuthorisationHours: number;
  /** The Reddito di libertà as the law sets it (amount per month in cents, months) and the days a step may wait before a reminder (docs/autonomy.md). */
  reddito: { monthlyCents: number; months: number; stepDays: number };
  /** Largest document a case may hold (before encryption). */
  documentMaxBytes: number;
  /** What the nightly prune deletes, in days: read notifications, any notification, the jobs' once-only keys. */
  retention: { readNotificationDays: number; notificationDays: number; jobKeyDays: number };
  /**
   * Notification e-mails (null: SMTP_URL unset, none are sent). The server's
   * URL is shown masked; the mailer reads it from `secrets.smtpUrl`.
   */
  mail: { smtpUrl: string; from: string; publicUrl: string } | null;
  session: { idleMs: number; absoluteMs: number };
  /** Signed checkpoints of the audit chain's head, outside the database. */
  auditCheckpoint: { dir: string; everyMs: number; everyRows: number };
  secrets: Secrets;
}

/** Secrets live in their own object whose inspection never shows them. */
export class Secrets {
  readonly #sessionSecret: string;
  readonly #masterKey: Buffer;
  readonly #previousMasterKeys: Buffer[];
  readonly #databaseUrl: string | undefined;
  readonly #auditKey: Buffer;
  readonly #previousAuditKeys: Buffer[];
  readonly #smtpUrl: string | undefined;
  constructor(
    sessionSecret: string,
    masterKey: Buffer,
    previous: Buffer[],
    databaseUrl: string | undefined,
    audit: { key: Buffer; previous: Buffer[] },
    smtpUrl?: string,
  ) {
    this.#smtpUrl = smtpUrl;
    this.#sessionSecret = sessionSecret;
    this.#masterKey = masterKey;
    this.#previousMasterKeys = previous;
    this.#databaseUrl = databaseUrl;
    this.#auditKey = audit.key;
    this.#previousAuditKeys = audit.previous;
  }
  /** The key of the audit chain's HMAC (AUDIT_HMAC_KEY). */
  get auditKey(): Buffer {
    return this.#auditKey;
  }
  /** Older audit keys, to verify the rows and checkpoints they signed. */
  get previousAuditKeys(): readonly Buffer[] {
    return this.#previousAuditKeys;
  }
  /** The SMTP server's URL, credentials included. */
  get smtpUrl(): string | undefined {
    return this.#smtpUrl;
  }
  /** The PostgreSQL connection string, password included. */
  get databaseUrl(): string | undefined {
    return this.#databaseUrl;
  }
  get sessionSecret(): string {
    return this.#sessionSecret;
  }
  get masterKey(): Buffer {
    return this.#masterKey;
  }
  get previousMasterKeys(): readonly Buffer[] {
    return this.#previousMasterKeys;
  }
  toJSON(): string {
    return '[secrets]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secrets]';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The URL with its password (userinfo or `password=` parameter) replaced, for display. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return 'postgres://[unparseable URL]';
  }
}

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(v)) return Buffer.from(v, 'base64');
  return null;
}

const SECRETS_FILE = 'secrets.json';

interface StoredSecrets {
  sessionSecret: string;
  masterKey: string;
  previousMasterKeys?: string[];
  /** Added on first start after the audit chain was keyed (older files lack it). */
  auditKey?: string;
  previousAuditKeys?: string[];
}

/** Reads (or creates once, mode 0600) the secrets kept under DATA_DIR. */
export function loadOrCreateStoredSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
    if (stored.auditKey) return stored;
    // A file written before the audit chain was keyed: its key is added once.
    const upgraded = { ...stored, auditKey: randomBytes(32).toString('base64') };
    writeStoredSecrets(dataDir, upgraded);
    return upgraded;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stored: StoredSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    masterKey: randomBytes(32).toString('base64'),
    auditKey: randomBytes(32).toString('base64'),
  };
  writeStoredSecrets(dataDir, stored);
  return stored;
}

export function writeStoredSecrets(dataDir: string, stored: StoredSecrets): void {
  const file = path.join(dataDir, SECRETS_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  // rename is atomic: a crash never leaves a half-written key file.
  renameSync(tmp, file);
}

/** True when the secrets come from DATA_DIR rather than the environment. */
export function secretsAreStored(config: Config, env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.TRAMA_MASTER_KEY && config.env !== 'production';
}

/** True when the audit key comes from DATA_DIR rather than the environment. */
export function auditKeyIsStored(config: Config, env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.AUDIT_HMAC_KEY && config.env !== 'production';
}

/**
 * Parses the environment once. Throws ConfigError naming every bad variable.
 * In production, missing secrets are an error; otherwise they are generated
 * once and kept under DATA_DIR with mode 0600.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Checked on the raw values, so that one start reports these together with
  // any invalid variable (an empty value is already reported by the schema).
  if (env.NODE_ENV === 'production') {
    if (env.SESSION_SECRET === undefined) problems.push('SESSION_SECRET: required in production');
    if (env.TRAMA_MASTER_KEY === undefined) problems.push('TRAMA_MASTER_KEY: required in production');
    if (env.AUDIT_HMAC_KEY === undefined) problems.push('AUDIT_HMAC_KEY: required in production');
    if (!env.DATABASE_URL && !env.DATA_DIR) problems.push('DATA_DIR: set it explicitly in production (or DATABASE_URL)');
    if (env.SMTP_URL && !env.TRAMA_PUBLIC_URL) problems.push('TRAMA_PUBLIC_URL: required in production when SMTP_URL is set (e-mails link to it)');
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;

  const dataDir = path.resolve(e.DATA_DIR);
  let sessionSecret = e.SESSION_SECRET;
  let masterKey = e.TRAMA_MASTER_KEY;
  let previous = e.TRAMA_MASTER_KEY_PREVIOUS?.split(',').map((k) => k.trim()) ?? [];
  let auditKey = e.AUDIT_HMAC_KEY;
  let previousAudit = e.AUDIT_HMAC_KEY_PREVIOUS?.split(',').map((k) => k.trim()) ?? [];
  if (!sessionSecret || !masterKey || !auditKey) {
    const stored = loadOrCreateStoredSecrets(dataDir);
    sessionSecret ??= stored.sessionSecret;
    if (!masterKey) {
      masterKey = stored.masterKey;
      previous = [...previous, ...(stored.previousMasterKeys ?? [])];
    }
    if (!auditKey) {
      auditKey = stored.auditKey!;
      previousAudit = [...previousAudit, ...(stored.previousAuditKeys ?? [])];
    }
  }

  return {
    version: packageVersion,
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL && maskUrl(e.DATABASE_URL),
    // Demo data on the embedded database by default; on a real server only if asked.
    demo: e.TRAMA_DEMO ?? (!e.DATABASE_URL && e.NODE_ENV !== 'production'),
    demoExplicit: e.TRAMA_DEMO === true,
    instanceName: e.TRAMA_INSTANCE_NAME,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT_BYTES,
    quickExitUrl: e.QUICK_EXIT_URL,
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    jobs: { workers: e.JOBS_WORKERS ?? e.NODE_ENV !== 'test', pollSeconds: e.JOBS_POLL_SECONDS },
    caseStaleDays: e.CASE_STALE_DAYS,
    riskReassessWeeks: e.RISK_REASSESS_WEEKS,
    minorDeadlineDays: { report: e.MINOR_REPORT_DAYS, referral: e.MINOR_REFERRAL_DAYS },
    referrals: { remindHours: e.REFERRAL_REMIND_HOURS, expireDays: e.REFERRAL_EXPIRE_DAYS },
    shelterHoldMinutes: e.SHELTER_HOLD_MINUTES,
    shelterAuthorisationHours: e.SHELTER_AUTHORISATION_HOURS,
    reddito: { monthlyCents: e.REDDITO_LIBERTA_MONTHLY_CENTS, months: e.REDDITO_LIBERTA_MONTHS, stepDays: e.REDDITO_LIBERTA_STEP_DAYS },
    documentMaxBytes: e.DOCUMENT_MAX_BYTES,
    retention: { readNotificationDays: e.NOTIFICATIONS_READ_KEEP_DAYS, notificationDays: e.NOTIFICATIONS_KEEP_DAYS, jobKeyDays: e.JOB_KEYS_KEEP_DAYS },
    mail: e.SMTP_URL
      ? { smtpUrl: maskUrl(e.SMTP_URL), from: e.MAIL_FROM, publicUrl: (e.TRAMA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '') }
      : null,
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    auditCheckpoint: {
      dir: path.resolve(e.AUDIT_CHECKPOINT_DIR ?? e.DATA_DIR),
      everyMs: e.AUDIT_CHECKPOINT_MINUTES * 60_000,
      everyRows: e.AUDIT_CHECKPOINT_ROWS,
    },
    secrets: new Secrets(
      sessionSecret,
      decodeKey(masterKey) as Buffer,
      previous.map((k) => decodeKey(k) as Buffer),
      e.DATABASE_URL,
      { key: decodeKey(auditKey) as Buffer, previous: previousAudit.map((k) => decodeKey(k) as Buffer) },
      e.SMTP_URL,
    ),
  };
}

/**
 * Every network Trama serves is in Italy: opening hours, holidays and
 * quarters are evaluated in Europe/Rome. The npm scripts set TZ; this pins
 * it for a process started any other way (Node applies it at once).
 */
export function pinTimeZone(): void {
  process.env.TZ = 'Europe/Rome';
}
