import { buildApp } from './app.js';
import { createContext, openDatabase } from './bootstrap.js';
import { ConfigError, loadConfig, pinTimeZone } from './platform/config.js';
import { DataDirLockedError } from './platform/lock.js';
import { createLogger } from './platform/log.js';
import { describeError } from './platform/safe-error.js';
import { demoWouldLoad, loadDemo, loadDemoIfEmpty } from '../../seeds/demo/demo.js';
import { isDemoInstance } from './modules/instance/index.js';
import { rebuildSearchIndexIfAsked, rekeyCasesIfAsked } from './modules/cases/index.js';
import { demoExposure } from './platform/demo-exposure.js';
import { AuditCheckpointer } from './audit/audit.checkpoint.js';
import { auditKeys } from './audit/audit.writer.js';

/** Reads config, migrates, loads the demo on an empty database, listens. */
async function main(): Promise<void> {
  pinTimeZone();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Trama cannot start.\n${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, undefined, { human: config.env === 'development' });
  let opened;
  try {
    opened = await openDatabase(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { database, release } = opened;
  // A demo never serves real people: decided before the demo is loaded.
  const exposure = demoExposure(config, {
    demoPresent: await isDemoInstance(database.db),
    demoWouldLoad: config.demo && (await demoWouldLoad(database.db)),
  });
  if (exposure.kind === 'refuse') {
    console.error(exposure.message);
    await database.close();
    release();
    process.exit(1);
  }
  const ctx = createContext(config, database, log);
  // Cases sealed before each had its own key move to it once (migration 0017 asks for it).
  const rekeyed = await rekeyCasesIfAsked(ctx);
  if (rekeyed !== null) log.info(rekeyed, 'existing cases moved to their own data keys');
  // Cases that existed before the blind index did get their tokens once (migration 0014 asks for it).
  const indexed = await rebuildSearchIndexIfAsked(ctx);
  if (indexed !== null) log.info({ cases: indexed }, 'case search index built');
  // A demo instance says its accounts at every start, last, so they do not scroll away.
  const demo = config.demo ? ((await loadDemoIfEmpty(ctx)) ?? ((await isDemoInstance(database.db)) ? await loadDemo(ctx) : null)) : null;
  if (exposure.kind === 'warn' || exposure.kind === 'note') {
    console.log(exposure.message);
    log[exposure.kind === 'warn' ? 'warn' : 'info']({ host: config.host, demoExplicit: config.demoExplicit }, 'demo instance: published demo credentials');
  }
  const { app } = await buildApp(ctx);
  // Signed checkpoints of the audit chain's head, outside the database.
  const checkpointer = new AuditCheckpointer(database.db, auditKeys(), config.auditCheckpoint, log);
  checkpointer.start();
  await checkpointer.checkpoint();
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await checkpointer.stop();
    await database.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  const address = app.server.address();
  console.log(`Trama is running on http://localhost:${address && typeof address === 'object' ? address.port : config.port} — database: ${where}`);
  if (demo) console.log(demo.banner);
}

main().catch((err: unknown) => {
  // No stack with data in it reaches the console: only the kind of error.
  console.error('Trama failed to start:', describeError(err));
  process.exit(1);
});
