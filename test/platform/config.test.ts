import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, decodeKey, loadConfig } from '../../src/server/platform/config.js';
import { tempDir } from './processes.js';

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));
function dataDir(): string {
  const d = tempDir('trama-config-');
  dirs.push(d.remove);
  return d.dir;
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the configuration');
}

const variablesOf = (err: ConfigError) => err.problems.map((p) => p.split(':')[0]).sort();

describe('loadConfig', () => {
  it('reports every invalid variable at once', () => {
    const err = configError({ DATA_DIR: dataDir(), PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', TRAMA_DEMO: 'maybe', SESSION_IDLE_MINUTES: '0' });
    expect(variablesOf(err)).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SESSION_IDLE_MINUTES', 'TRAMA_DEMO']);
    for (const v of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(err.message).toContain(`  - ${v}:`);
    expect(err.message).toMatch(/^Invalid configuration:/);
  });

  it('in production, requires the three secrets and names them (together with any other problem)', () => {
    const err = configError({ NODE_ENV: 'production', DATA_DIR: dataDir() });
    expect(variablesOf(err)).toEqual(['AUDIT_HMAC_KEY', 'SESSION_SECRET', 'TRAMA_MASTER_KEY']);
    const both = configError({ NODE_ENV: 'production', PORT: 'abc' });
    expect(variablesOf(both)).toEqual(['AUDIT_HMAC_KEY', 'DATA_DIR', 'PORT', 'SESSION_SECRET', 'TRAMA_MASTER_KEY']);
  });

  it('in production, accepts secrets from the environment and writes no secrets file', () => {
    const dir = dataDir();
    const masterKey = randomBytes(32).toString('hex');
    const sessionSecret = randomBytes(32).toString('base64url');
    const auditKey = randomBytes(32).toString('base64');
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, SESSION_SECRET: sessionSecret, TRAMA_MASTER_KEY: masterKey, AUDIT_HMAC_KEY: auditKey });
    expect(config.secrets.auditKey.equals(Buffer.from(auditKey, 'base64'))).toBe(true);
    expect(config.auditCheckpoint.dir).toBe(dir);
    expect(config.env).toBe('production');
    expect(config.demo).toBe(false);
    expect(config.secrets.masterKey.equals(Buffer.from(masterKey, 'hex'))).toBe(true);
    expect(config.secrets.sessionSecret).toBe(sessionSecret);
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('never quotes a rejected secret in its message', () => {
    const badKey = 'my-master-key-is-not-long-enough';
    const shortSecret = 'tooShortSessionSecret';
    const err = configError({ DATA_DIR: dataDir(), TRAMA_MASTER_KEY: badKey, SESSION_SECRET: shortSecret, TRAMA_MASTER_KEY_PREVIOUS: 'previousKeyValue' });
    expect(variablesOf(err)).toEqual(['SESSION_SECRET', 'TRAMA_MASTER_KEY', 'TRAMA_MASTER_KEY_PREVIOUS']);
    for (const s of [badKey, shortSecret, 'previousKeyValue']) expect(err.message).not.toContain(s);
  });

  it('works with no configuration: generates secrets once under DATA_DIR (mode 0600) and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const file = path.join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { masterKey: string; sessionSecret: string };
    expect(decodeKey(stored.masterKey)!.equals(first.secrets.masterKey)).toBe(true);
    expect(stored.sessionSecret).toBe(first.secrets.sessionSecret);
    expect(first.secrets.sessionSecret.length).toBeGreaterThanOrEqual(32);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.secrets.masterKey.equals(first.secrets.masterKey)).toBe(true);
    expect(second.secrets.sessionSecret).toBe(first.secrets.sessionSecret);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(stored, null, 2));
    // Another directory, other secrets.
    expect(loadConfig({ DATA_DIR: dataDir() }).secrets.masterKey.equals(first.secrets.masterKey)).toBe(false);
    expect(first).toMatchObject({ env: 'development', port: 3000, host: 'localhost', dataDir: dir, logLevel: 'info', databaseUrl: undefined });
  });

  it('generates the audit key once under DATA_DIR, also into a secrets file written before it existed', () => {
    const dir = dataDir();
    const file = path.join(dir, 'secrets.json');
    const old = { sessionSecret: randomBytes(32).toString('base64url'), masterKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(old), { mode: 0o600 });
    const first = loadConfig({ DATA_DIR: dir });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { auditKey: string; masterKey: string; sessionSecret: string };
    expect(stored).toMatchObject(old);
    expect(decodeKey(stored.auditKey)!.equals(first.secrets.auditKey)).toBe(true);
    expect(first.secrets.auditKey.equals(first.secrets.masterKey)).toBe(false);
    expect(loadConfig({ DATA_DIR: dir }).secrets.auditKey.equals(first.secrets.auditKey)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // From the environment: the file's key is not used; previous keys from both.
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    const env = loadConfig({ DATA_DIR: dir, AUDIT_HMAC_KEY: current.toString('hex'), AUDIT_HMAC_KEY_PREVIOUS: previous.toString('base64'), AUDIT_CHECKPOINT_DIR: path.join(dir, 'anchors') });
    expect(env.secrets.auditKey.equals(current)).toBe(true);
    expect(env.secrets.previousAuditKeys.map((k) => k.toString('hex'))).toEqual([previous.toString('hex')]);
    expect(env.auditCheckpoint).toEqual({ dir: path.join(dir, 'anchors'), everyMs: 300_000, everyRows: 1000 });
    expect(configError({ DATA_DIR: dir, AUDIT_HMAC_KEY: 'short', AUDIT_HMAC_KEY_PREVIOUS: 'x' }).problems.map((p) => p.split(':')[0]).sort()).toEqual(['AUDIT_HMAC_KEY', 'AUDIT_HMAC_KEY_PREVIOUS']);
  });

  it('adds the previous master keys kept in the secrets file (during a rotation)', () => {
    const dir = dataDir();
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    writeFileSync(
      path.join(dir, 'secrets.json'),
      JSON.stringify({ sessionSecret: randomBytes(32).toString('base64url'), masterKey: current.toString('base64'), previousMasterKeys: [previous.toString('base64')] }),
      { mode: 0o600 },
    );
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.secrets.masterKey.equals(current)).toBe(true);
    expect(config.secrets.previousMasterKeys.map((k) => k.toString('hex'))).toEqual([previous.toString('hex')]);
  });

  it('never shows a secret through util.inspect, JSON.stringify or string interpolation', () => {
    const dir = dataDir();
    for (const config of [
      loadConfig({ DATA_DIR: dir }),
      loadConfig({
        DATA_DIR: dir,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        TRAMA_MASTER_KEY: randomBytes(32).toString('base64'),
        TRAMA_MASTER_KEY_PREVIOUS: randomBytes(32).toString('hex'),
        DATABASE_URL: 'postgres://trama:S3cret-Db-Pass@db.example/trama',
      }),
    ]) {
      const s = config.secrets;
      const secretForms = [
        s.sessionSecret,
        s.masterKey.toString('base64'),
        s.masterKey.toString('hex'),
        ...s.previousMasterKeys.flatMap((k) => [k.toString('base64'), k.toString('hex')]),
        s.auditKey.toString('base64'),
        s.auditKey.toString('hex'),
        'S3cret-Db-Pass',
      ];
      const shown = [inspect(config, { depth: 10, showHidden: true }), JSON.stringify(config), `${String(config.secrets)}`, inspect(s)];
      for (const text of shown) for (const secret of secretForms) expect(text).not.toContain(secret);
      expect(JSON.stringify(config)).toContain('"secrets":"[secrets]"');
    }
  });

  it('keeps the database password among the secrets, and shows the URL masked', () => {
    const url = 'postgres://trama:S3cret-Db-Pass@db.example:5432/trama?sslmode=require';
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: url });
    expect(config.secrets.databaseUrl).toBe(url);
    expect(config.databaseUrl).toBe('postgres://trama:***@db.example:5432/trama?sslmode=require');
    expect(loadConfig({ DATA_DIR: dataDir() }).secrets.databaseUrl).toBeUndefined();
  });

  it('keeps the SMTP password among the secrets, shows the server masked, and sends no e-mail unless SMTP_URL is set', () => {
    const url = 'smtp://avvisi:S3cret-Smtp-Pass@mail.example:587';
    const config = loadConfig({ DATA_DIR: dataDir(), SMTP_URL: url, TRAMA_PUBLIC_URL: 'https://trama.example.it/' });
    expect(config.secrets.smtpUrl).toBe(url);
    expect(config.mail).toEqual({ smtpUrl: 'smtp://avvisi:***@mail.example:587', from: 'Trama <no-reply@localhost>', publicUrl: 'https://trama.example.it' });
    expect(JSON.stringify(config)).not.toContain('S3cret-Smtp-Pass');
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain('S3cret-Smtp-Pass');
    expect(loadConfig({ DATA_DIR: dataDir() }).mail).toBeNull();
    expect(() => loadConfig({ DATA_DIR: dataDir(), SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
  });

  it('loads the demo by default on the embedded database only, and can be told otherwise', () => {
    const dir = dataDir();
    const pgUrl = 'postgresql://trama@127.0.0.1/trama';
    expect(loadConfig({ DATA_DIR: dir }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: pgUrl }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRAMA_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRAMA_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: pgUrl, TRAMA_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: pgUrl, TRAMA_DEMO: 'yes' }).demo).toBe(true);
  });

  it('parses numbers, booleans and durations', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '0', TRUST_PROXY: 'true', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8', BODY_LIMIT_BYTES: '2048' });
    expect(config).toMatchObject({ port: 0, trustProxy: true, bodyLimit: 2048, session: { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 } });
    expect(variablesOf(configError({ DATA_DIR: dataDir(), PORT: '70000', BODY_LIMIT_BYTES: '10' }))).toEqual(['BODY_LIMIT_BYTES', 'PORT']);
  });
});
