#!/usr/bin/env node
/**
 * Builds the web app into dist/web when it is missing or older than its
 * sources, so `npm start` and `npm run test:e2e` work on a fresh clone with
 * no separate build step, and cost nothing when the build is up to date.
 *
 * "Older" compares modification times: the newest file under src/web,
 * src/shared, vite.config.ts and package-lock.json (a dependency upgrade
 * changes the bundle too) against dist/web/index.html, which Vite writes
 * last.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const output = path.join(repo, 'dist', 'web', 'index.html');
const configFile = path.join(repo, 'vite.config.ts');
const sources = [
  path.join(repo, 'src', 'web'),
  path.join(repo, 'src', 'shared'),
  configFile,
  path.join(repo, 'package-lock.json'),
];

/** Newest modification time (ms) of a file or of every file below a directory. */
function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs; // a deleted file only changes its directory's time
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    max = Math.max(max, newest(path.join(target, entry.name)));
  }
  return max;
}

function reason() {
  if (!existsSync(output)) return 'dist/web is missing';
  const built = statSync(output).mtimeMs;
  const changed = sources.find((s) => newest(s) > built);
  return changed ? `${path.relative(repo, changed)} changed since the last build` : null;
}

const why = reason();
if (why) {
  console.log(`trama: building the web app into dist/web (${why})…`);
  const { build } = await import('vite');
  try {
    // logLevel 'warn': one line from us, not Vite's file-by-file report.
    await build({ configFile, logLevel: 'warn' });
  } catch (err) {
    console.error('trama: the web build failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
