import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/** The repository root: spawned commands run there, as `npm run trama` does. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fresh temporary directory (a DATA_DIR), removed by the returned function. */
export function tempDir(prefix = 'trama-platform-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temporary DATA_DIR for the enclosing `describe`: created before its tests, removed after. */
export function useTempDir(prefix?: string): { readonly dir: string } {
  let made: ReturnType<typeof tempDir> | undefined;
  beforeAll(() => {
    made = tempDir(prefix);
  });
  afterAll(() => made?.remove());
  return {
    get dir() {
      if (!made) throw new Error('useTempDir: the directory exists only while the tests run');
      return made.dir;
    },
  };
}

/**
 * The environment of a spawned Trama process: embedded mode on `dataDir`,
 * Rome time, no demo, and none of the test runner's database or secret
 * variables (so it never touches the PostgreSQL test server).
 */
export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|TRAMA_|SESSION_|AUDIT_|PORT$|HOST$|DATA_DIR$|LOG_LEVEL$|BODY_LIMIT_BYTES$|NODE_OPTIONS$|VITEST)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, TZ: 'Europe/Rome', NODE_ENV: 'test', DATA_DIR: dataDir, TRAMA_DEMO: 'false', ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/server/cli.ts …` to completion (killed after `timeoutMs`). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A spawned server and what it printed so far. */
export interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts `node --import tsx src/server/main.ts` and waits for its "running on" line. */
export function startServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Trama is running on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}
