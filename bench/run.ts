/**
 * npm run bench — starts the real server (embedded PGlite, demo data) on
 * loopback and measures with autocannon:
 *   (a) a no-op public route (GET /healthz),
 *   (b) GET /api/auth/me with a valid session (session lookup + audit write).
 * Prints requests/s, p50 and p99 for each and the ratio b/a. Asserts nothing.
 * Set DATABASE_URL to run the same against PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seeds/demo/demo.js';

const PORT = Number(process.env.BENCH_PORT ?? 3917);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const base = `http://127.0.0.1:${PORT}`;

async function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, TRAMA_DEMO: 'true', LOG_LEVEL: 'info', TZ: 'Europe/Rome' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      if ((await fetch(`${base}/readyz`)).ok) return child;
    } catch {
      /* not up yet */
    }
  }
  child.kill();
  throw new Error('server did not start');
}

async function session(): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operatrice.cav', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const mfa = await fetch(`${base}/api/auth/mfa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: await generate({ secret: DEMO_TOTP_SECRET }) }),
  });
  if (!mfa.ok) throw new Error(`mfa failed: ${mfa.status}`);
  return mfa.headers.get('set-cookie')!.split(';')[0]!;
}

async function measure(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0) throw new Error(`${title}: ${result.non2xx} non-2xx answers`);
  const row = { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  console.log(`${title.padEnd(34)} ${row.rps.toFixed(0).padStart(7)} req/s   p50 ${String(row.p50).padStart(4)} ms   p99 ${String(row.p99).padStart(4)} ms`);
  return row;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trama-bench-'));
  const server = await startServer(dataDir);
  try {
    console.log(`Trama bench — ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${CONNECTIONS} connections, ${DURATION} s each\n`);
    await measure('warm-up', `${base}/healthz`);
    const a = await measure('(a) GET /healthz (no-op)', `${base}/healthz`);
    const cookie = await session();
    const b = await measure('(b) GET /api/auth/me (session+audit)', `${base}/api/auth/me`, { cookie });
    console.log(`\nratio b/a: throughput ${(b.rps / a.rps).toFixed(3)}   p99 ${(b.p99 / Math.max(a.p99, 1)).toFixed(1)}x`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
