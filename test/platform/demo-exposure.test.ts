import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERNAMES } from '../../seeds/demo/demo.js';
import { openDatabase } from '../../src/server/bootstrap.js';
import { DEMO_SETTING } from '../../src/server/modules/instance/instance.routes.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { demoExposure, isLoopbackHost } from '../../src/server/platform/demo-exposure.js';
import { instanceSettings } from '../../src/server/platform/platform.tables.js';
import { childEnv, runCli, type Server, startServer, tempDir } from './processes.js';

/**
 * A demo never serves real people: its password and TOTP secret are
 * published, so an instance with the demo accounts listens only on the
 * loopback address unless TRAMA_DEMO=true is set by hand.
 */

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));
function dataDir(): string {
  const d = tempDir('trama-demo-');
  dirs.push(d.remove);
  return d.dir;
}

/** The environment of a server started with no TRAMA_DEMO but what `extra` sets (none: the default, demo on an empty embedded database). */
function envWithoutDemoSetting(dir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = childEnv(dir, { PORT: '0', LOG_LEVEL: 'warn' });
  delete env.TRAMA_DEMO;
  return { ...env, ...extra };
}

/**
 * A DATA_DIR whose database is marked as holding the demo (as loadDemo marks
 * it, in the transaction that creates the demo accounts), without spending
 * minutes loading the demo's 200 pathways.
 */
async function demoDataDir(): Promise<string> {
  const dir = dataDir();
  const { database, release } = await openDatabase(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', TRAMA_DEMO: 'false' }));
  await database.db.insert(instanceSettings).values({ key: DEMO_SETTING, value: true });
  await database.close();
  release();
  return dir;
}

/** A slow machine may take long to start a server. */
const START_MS = 180_000;

/** Starts a server expected to refuse: the message it printed before exiting. */
async function refusal(env: NodeJS.ProcessEnv): Promise<string> {
  return startServer(env, START_MS).then(
    async (s) => {
      await s.stop();
      return 'started';
    },
    (err: Error) => err.message,
  );
}

describe('the demo and the listening address', () => {
  it('refuses to load the demo and listen on a non-loopback address by default', async () => {
    const message = await refusal(envWithoutDemoSetting(dataDir(), { HOST: '0.0.0.0' }));
    expect(message).toMatch(/server exited \(1\) before listening/);
    expect(message).toContain('HOST=0.0.0.0');
    expect(message).toContain('TRAMA_DEMO=true');
    expect(message).not.toContain('Trama is running');
  }, 300_000);

  it('with the demo accounts present, refuses a non-loopback address whatever TRAMA_DEMO says but true, and NODE_ENV=production too', async () => {
    const dir = await demoDataDir();
    for (const setting of [{ TRAMA_DEMO: 'false' }, {}, { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TRAMA_MASTER_KEY: 'a'.repeat(64), AUDIT_HMAC_KEY: 'b'.repeat(64) }] as Record<string, string>[]) {
      const message = await refusal(envWithoutDemoSetting(dir, { HOST: '0.0.0.0', ...setting }));
      expect(message, JSON.stringify(setting)).toMatch(/server exited \(1\) before listening/);
      expect(message).toContain('holds the demo accounts');
    }
  }, 600_000);

  it('with TRAMA_DEMO=true set by hand, listens on a non-loopback address and says so at start', async () => {
    let server: Server | undefined;
    try {
      server = await startServer(envWithoutDemoSetting(await demoDataDir(), { HOST: '0.0.0.0', TRAMA_DEMO: 'true' }), START_MS);
      expect(server.output()).toMatch(/WARNING: DEMO instance listening on HOST=0\.0\.0\.0 because TRAMA_DEMO=true/);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    } finally {
      await server?.stop();
    }
  }, 300_000);

  it('on the loopback address it starts, and says the demo is reachable from this computer only', async () => {
    let server: Server | undefined;
    try {
      server = await startServer(envWithoutDemoSetting(await demoDataDir(), { HOST: '127.0.0.1' }), START_MS);
      expect(server.output()).toMatch(/DEMO instance: .* reachable only from this computer/);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    } finally {
      await server?.stop();
    }
  }, 300_000);

  it('in development the console is for people: no line per request, the demo accounts printed last at every start', async () => {
    let server: Server | undefined;
    try {
      server = await startServer(envWithoutDemoSetting(await demoDataDir(), { HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'info' }), START_MS);
      for (let i = 0; i < 5; i++) expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
      const deadline = Date.now() + 10_000;
      // The banner lists the accounts in the order the demo defines them: the last one ends the output.
      const last = DEMO_USERNAMES.at(-1)!;
      while (!server.output().includes(last) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const out = server.output();
      expect(out).not.toContain('incoming request');
      expect(out).not.toContain('request completed');
      expect(out.split('\n').filter((l) => l.startsWith('{"level"'))).toEqual([]);
      const lines = out.trimEnd().split('\n');
      const running = lines.findIndex((l) => l.includes('Trama is running on'));
      expect(lines.findIndex((l) => l.includes('Password of every demo account'))).toBeGreaterThan(running);
      expect(lines.at(-1)?.trim().split(/\s+/)[0]).toBe(last);
    } finally {
      await server?.stop();
    }
  }, 300_000);

  it('demo:code says which code it prints and for how many seconds it holds', async () => {
    const run = await runCli(['demo:code'], childEnv(dataDir()));
    expect(run.code).toBe(0);
    const m = /^(\d{6}) {2}— verification code of every demo account, valid for (\d+) more seconds?\n$/.exec(run.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThanOrEqual(1);
    expect(Number(m![2])).toBeLessThanOrEqual(30);
  }, 120_000);

  it('an instance without the demo listens on any address', async () => {
    let server: Server | undefined;
    try {
      server = await startServer(childEnv(dataDir(), { PORT: '0', LOG_LEVEL: 'warn', HOST: '0.0.0.0', TRAMA_DEMO: 'false' }), START_MS);
      expect(server.output()).not.toContain('DEMO');
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    } finally {
      await server?.stop();
    }
  }, 300_000);
});

describe('the decision', () => {
  it('knows the loopback addresses', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'trama.example.org', '10.0.0.1', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('TRAMA_DEMO=true by hand is explicit; the embedded default is not', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' })).toMatchObject({ demo: true, demoExplicit: false });
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', TRAMA_DEMO: 'true' })).toMatchObject({ demo: true, demoExplicit: true });
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', TRAMA_DEMO: 'false' })).toMatchObject({ demo: false, demoExplicit: false });
  });

  it('refuses, warns, notes or says nothing', () => {
    const state = (demoPresent: boolean, demoWouldLoad: boolean) => ({ demoPresent, demoWouldLoad });
    expect(demoExposure({ host: '0.0.0.0', demoExplicit: false }, state(false, false)).kind).toBe('none');
    expect(demoExposure({ host: '0.0.0.0', demoExplicit: false }, state(false, true)).kind).toBe('refuse');
    expect(demoExposure({ host: '0.0.0.0', demoExplicit: false }, state(true, false)).kind).toBe('refuse');
    expect(demoExposure({ host: '0.0.0.0', demoExplicit: true }, state(true, false)).kind).toBe('warn');
    expect(demoExposure({ host: 'localhost', demoExplicit: false }, state(true, false)).kind).toBe('note');
  });
});
