import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/server/platform/lock.js';
import { childEnv, runCli, type Server, startServer, tempDir } from './processes.js';

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));
function dataDir(): string {
  const d = tempDir('trama-lock-');
  dirs.push(d.remove);
  return d.dir;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function lockError(dir: string): DataDirLockedError {
  try {
    lockDataDir(dir)();
  } catch (err) {
    if (err instanceof DataDirLockedError) return err;
    throw err;
  }
  throw new Error('the second lock was granted');
}

describe('lockDataDir', () => {
  it('refuses a second lock while held, with a clear message, and grants it once released', () => {
    const dir = dataDir();
    const lockFile = path.join(dir, 'trama.lock');
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    const err = lockError(dir);
    expect(err.pid).toBe(process.pid);
    expect(err.dataDir).toBe(dir);
    expect(err.message).toContain(`The data directory ${dir} is in use by another Trama process (pid ${process.pid})`);
    expect(err.message).toMatch(/stop the running server/);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid)); // the refused attempt left it alone
    release();
    expect(existsSync(lockFile)).toBe(false);
    release(); // idempotent
    const again = lockDataDir(dir);
    expect(existsSync(lockFile)).toBe(true);
    again();
  });

  it('creates the directory if it does not exist yet', () => {
    const dir = path.join(dataDir(), 'nested', 'data');
    const release = lockDataDir(dir);
    expect(existsSync(path.join(dir, 'trama.lock'))).toBe(true);
    release();
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = dataDir();
    const lockFile = path.join(dir, 'trama.lock');
    const pid = deadPid();
    expect(pid).toBeGreaterThan(0);
    writeFileSync(lockFile, String(pid));
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('takes over an unreadable (empty or garbled) lock file', () => {
    for (const content of ['', 'not-a-pid']) {
      const dir = dataDir();
      writeFileSync(path.join(dir, 'trama.lock'), content);
      const release = lockDataDir(dir);
      expect(readFileSync(path.join(dir, 'trama.lock'), 'utf8')).toBe(String(process.pid));
      release();
    }
  });

  it('does not remove a lock that another process has taken since', () => {
    const dir = dataDir();
    const lockFile = path.join(dir, 'trama.lock');
    const release = lockDataDir(dir);
    writeFileSync(lockFile, '1'); // pid 1 is always alive
    release();
    expect(readFileSync(lockFile, 'utf8')).toBe('1');
    expect(lockError(dir).pid).toBe(1);
  });
});

describe('one process per data directory', () => {
  it('refuses the CLI while the server runs on the same DATA_DIR, and accepts it after', async () => {
    const dir = dataDir();
    const env = childEnv(dir, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    let server: Server | undefined;
    try {
      server = await startServer(env);
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(health.status).toBe(200);
      expect(readFileSync(path.join(dir, 'trama.lock'), 'utf8')).toBe(String(server.child.pid));

      const refused = await runCli(['db:migrate'], env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`is in use by another Trama process (pid ${server.child.pid})`);
      expect(refused.stdout).not.toContain('Migrations applied');

      // keys:rotate is refused too, and leaves the secrets file as it was.
      const secretsBefore = readFileSync(path.join(dir, 'secrets.json'), 'utf8');
      const rotate = await runCli(['keys:rotate'], env);
      expect(rotate.code).toBe(1);
      expect(rotate.stderr).toContain('is in use by another Trama process');
      expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).toBe(secretsBefore);

      // A second server is refused the same way.
      const second = await startServer(env).then(
        (s) => s.stop().then(() => 'started'),
        (err: Error) => err.message,
      );
      expect(second).toContain('in use by another Trama process');

      expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(200); // still serving

      expect(await server.stop()).toBe(0); // graceful shutdown releases the lock
      expect(existsSync(path.join(dir, 'trama.lock'))).toBe(false);
      const accepted = await runCli(['db:migrate'], env);
      expect(accepted.stderr).toBe('');
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('Migrations applied.');
    } finally {
      await server?.stop();
    }
  }, 120_000);
});
