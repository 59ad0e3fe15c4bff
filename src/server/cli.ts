import { parseArgs } from 'node:util';
import { generate } from 'otplib';
import { membershipRoles, type MembershipRole, type OrganisationType, roleFitsOrganisation, rolesByOrganisationType } from '../shared/domain.js';
import { fieldErrorText } from '../shared/field-errors.js';
import { createContext, openDatabase } from './bootstrap.js';
import { verifyAuditChain } from './audit/audit.verify.js';
import { AuditKeyring, auditKeyId, auditKeys, onAuditAppended, useAuditKeys, writeAuditAlone } from './audit/audit.writer.js';
import { AuditCheckpointer, readCheckpoints } from './audit/audit.checkpoint.js';
import { chainPending } from './audit/audit.chain.js';
import { newTotpSecret, totpUri } from './access/totp.js';
import { cliCreateAccount, temporaryPassword } from './modules/accounts/index.js';
import { ConfigError, auditKeyIsStored, decodeKey, loadConfig, loadOrCreateStoredSecrets, pinTimeZone, secretsAreStored, writeStoredSecrets } from './platform/config.js';
import { CryptoService, masterKeyId } from './platform/crypto.js';
import { DataDirLockedError } from './platform/lock.js';
import { createLogger } from './platform/log.js';
import { describeError } from './platform/safe-error.js';
import { DEMO_TOTP_SECRET, loadDemo } from '../../seeds/demo/demo.js';
import { randomBytes } from 'node:crypto';
import { organisations } from './modules/organisations/index.js';
import { rebuildSearchIndex, rekeyCases } from './modules/cases/index.js';
import { eq, or } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { type Counts, importDirectory } from './modules/directory/index.js';
import { AppError } from './platform/errors.js';
import { instrumentJsonSchema } from './modules/risk/index.js';

const usage = `Usage: npm run trama -- <command> [options]

  db:migrate                 apply pending migrations
  user:create --username U --name "Full Name" [--organisation ORG --role ROLE] [--admin]
                             create an account; prints a one-time password and the TOTP URI to enrol
  audit:verify               check the audit chain (HMAC) against its signed checkpoints
                             (AUDIT_CHECKPOINT_DIR); names the first broken row
  audit:rotate-key           embedded mode: a new audit key signs new rows and checkpoints
                             (the old one is kept in DATA_DIR/secrets.json to verify older rows)
  keys:rotate                re-wrap every data key with the current master key
                             (embedded mode: generates a new master key first)
  keys:rotate-organisations [ORG]
                             give each organisation (or ORG) a new data key and re-wrap its cases'
                             keys with it (no data re-encrypted)
  cases:rekey                move cases still sealed under their organisation's key to their own key
                             (the data step of migration 0017; resumable, idempotent)
  demo:load                  load the demo network (fictitious data)
  cases:reindex              rebuild the blind index of names and phone numbers (the case search)
  directory:import FILE [--dry-run]
                             import a directory file (trama-directory/1, docs/directory-import.md);
                             prints the counts, or every error of a rejected file (exit 1)
  demo:code                  print the current TOTP code of the demo accounts
  risk:schema                print the JSON Schema of the risk-instrument format (trama-risk-instrument/1;
                             docs/risk-instrument.schema.json is this output)

ORG is an organisation id or exact name; ROLE one of: ${membershipRoles.join(', ')}.`;

/** Every command runs against the configured database (taking the DATA_DIR lock on PGlite). */
async function withContext<T>(fn: (ctx: ReturnType<typeof createContext>) => Promise<T>): Promise<T> {
  pinTimeZone();
  const config = loadConfig();
  const { database, release } = await openDatabase(config);
  let appended = 0;
  const unsubscribe = onAuditAppended((n) => (appended += n));
  try {
    const ctx = createContext(config, database, createLogger('warn'));
    const result = await fn(ctx);
    // A command that wrote audit rows anchors the new head outside the database.
    if (appended > 0) {
      // The command is its database's chainer while it holds it: its rows are chained before they are anchored.
      await chainPending(database.db);
      await new AuditCheckpointer(database.db, auditKeys(), config.auditCheckpoint, ctx.log).checkpoint();
    }
    return result;
  } finally {
    unsubscribe();
    await database.close();
    release();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'db:migrate':
      await withContext(async () => undefined); // opening migrates
      console.log('Migrations applied.');
      return 0;

    case 'user:create': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          name: { type: 'string' },
          organisation: { type: 'string' },
          role: { type: 'string' },
          admin: { type: 'boolean', default: false },
        },
      });
      if (!values.username || !values.name || (!values.admin && !values.organisation) || (values.organisation && !values.role)) {
        console.error(usage);
        return 2;
      }
      if (values.role && !membershipRoles.includes(values.role as MembershipRole)) {
        console.error(`Unknown role "${values.role}". Roles: ${membershipRoles.join(', ')}`);
        return 2;
      }
      if (values.admin && ['organisation_head', 'operator', 'social_worker'].includes(values.role ?? '')) {
        console.error('An instance administrator holds no role that reads case data: create a separate account for case work.');
        return 2;
      }
      return withContext(async (ctx) => {
        const { db } = ctx.database;
        let memberships: { organisationId: string; role: MembershipRole }[] = [];
        if (values.organisation) {
          const key = values.organisation;
          const isUuid = /^[0-9a-f-]{36}$/i.test(key);
          const [org] = await db
            .select({ id: organisations.id, type: organisations.type })
            .from(organisations)
            .where(isUuid ? or(eq(organisations.id, key), eq(organisations.name, key)) : eq(organisations.name, key));
          if (!org) {
            console.error('Organisation not found.');
            return 1;
          }
          const type = org.type as OrganisationType;
          if (!roleFitsOrganisation(values.role as MembershipRole, type)) {
            console.error(`An organisation of type ${type} cannot hold the role ${values.role}. Roles: ${rolesByOrganisationType[type].join(', ')}`);
            return 2;
          }
          memberships = [{ organisationId: org.id, role: values.role as MembershipRole }];
        }
        const password = temporaryPassword();
        const secret = newTotpSecret();
        // The account and its audit row in one transaction.
        await cliCreateAccount(ctx, {
          username: values.username!,
          displayName: values.name!,
          password,
          isInstanceAdmin: values.admin,
          passwordChangeRequired: true,
          totpSecret: secret,
          memberships,
        });
        console.log(`Account created: ${values.username}`);
        console.log(`One-time password (change it after the first login): ${password}`);
        console.log(`Add this to her authenticator app (TOTP, shown once): ${totpUri(secret, ctx.config.instanceName, values.username!)}`);
        return 0;
      });
    }

    case 'audit:verify':
      return withContext(async (ctx) => {
        const checkpoints = readCheckpoints(ctx.config.auditCheckpoint.dir);
        const result = await verifyAuditChain(ctx.database.db, { checkpoints });
        if (result.ok) {
          console.log(`Audit chain intact: ${result.rows} rows verified.`);
          if (result.unchained) console.log(`${result.unchained} rows committed less than a minute ago are not chained yet (the server's chainer links them).`);
          console.log(
            result.checkpoints
              ? `${result.checkpoints} signed checkpoints match (${ctx.config.auditCheckpoint.dir}).`
              : `No checkpoint in ${ctx.config.auditCheckpoint.dir}: the removal of the newest rows cannot be detected.`,
          );
          return 0;
        }
        if (result.reason === 'checkpoint_invalid') {
          console.error(`Audit checkpoints INVALID: line ${result.checkpointLine} of the checkpoint file is unreadable or not signed by a configured audit key.`);
          return 1;
        }
        const why: Record<typeof result.reason, string> = {
          content_changed: 'its content was changed',
          chain_broken: 'its link to the previous row is broken: a row was removed, inserted or reordered',
          unknown_key: 'it names an audit key that is not configured',
          downgraded: 'it is not keyed although rows before it are: the chain was recomputed without the key',
          checkpoint_mismatch: 'a signed checkpoint names this row with another hash, or the row is gone: the chain was rewritten',
          truncated: 'a signed checkpoint names this row, beyond the end of the chain: the newest rows were removed',
          unchained: 'it was committed long ago and is still not chained: the chainer is not running or is held back',
        };
        console.error(`Audit chain BROKEN at row ${result.brokenId} (${why[result.reason]}); ${result.rows} rows before it verified.`);
        return 1;
      });

    case 'audit:rotate-key': {
      const config = loadConfig();
      if (!auditKeyIsStored(config)) {
        console.error('AUDIT_HMAC_KEY comes from the environment: set a new AUDIT_HMAC_KEY, add the old one to AUDIT_HMAC_KEY_PREVIOUS (and keep it there), then restart.');
        return 2;
      }
      // The DATA_DIR lock first (a refused command changes nothing); the old
      // key stays in the file, to verify the rows and checkpoints it signed.
      return withContext(async (ctx) => {
        const stored = loadOrCreateStoredSecrets(config.dataDir);
        const next = randomBytes(32);
        const previous = [stored.auditKey!, ...(stored.previousAuditKeys ?? [])];
        writeStoredSecrets(config.dataDir, { ...stored, auditKey: next.toString('base64'), previousAuditKeys: previous });
        useAuditKeys(new AuditKeyring(next, previous.map((k) => decodeKey(k)!)));
        // The first row under the new key records the rotation (and the checkpoint after it is signed with it).
        await writeAuditAlone(ctx.database.db, { action: 'keys.rotate', outcome: 'success', purpose: `audit:${auditKeyId(next)}` });
        console.log(`Audit key rotated: new rows and checkpoints are signed with key ${auditKeyId(next)}; ${previous.length} previous key(s) kept to verify older rows.`);
        return 0;
      });
    }

    case 'keys:rotate': {
      const config = loadConfig();
      if (secretsAreStored(config)) {
        // Embedded mode. The DATA_DIR lock is taken first (a refused command
        // changes nothing); then the new master key is written beside the old
        // one, so a crash in between loses nothing; the old one goes once
        // every data key is re-wrapped.
        return withContext(async (ctx) => {
          const stored = loadOrCreateStoredSecrets(config.dataDir);
          const next = randomBytes(32);
          const previous = [stored.masterKey, ...(stored.previousMasterKeys ?? [])];
          writeStoredSecrets(config.dataDir, { ...stored, masterKey: next.toString('base64'), previousMasterKeys: previous });
          const crypto = new CryptoService(next, previous.map((k) => decodeKey(k)!));
          const r = await crypto.rotateMasterKey(ctx.database.db);
          await writeAuditAlone(ctx.database.db, { action: 'keys.rotate', outcome: 'success', purpose: `master:${masterKeyId(next)}` });
          writeStoredSecrets(config.dataDir, { ...stored, masterKey: next.toString('base64'), previousMasterKeys: undefined });
          console.log(`Master key rotated: ${r.rewrapped} data keys re-wrapped, ${r.alreadyCurrent} already current.`);
          return 0;
        });
      }
      return withContext(async (ctx) => {
        const r = await ctx.crypto.rotateMasterKey(ctx.database.db);
        await writeAuditAlone(ctx.database.db, { action: 'keys.rotate', outcome: 'success', purpose: `master:${masterKeyId(config.secrets.masterKey)}` });
        console.log(`${r.rewrapped} data keys re-wrapped with the current TRAMA_MASTER_KEY, ${r.alreadyCurrent} already current. You may now remove TRAMA_MASTER_KEY_PREVIOUS.`);
        return 0;
      });
    }

    case 'keys:rotate-organisations':
      return withContext(async (ctx) => {
        const key = rest[0];
        const which = !key ? undefined : /^[0-9a-f-]{36}$/i.test(key) ? or(eq(organisations.id, key), eq(organisations.name, key)) : eq(organisations.name, key);
        const chosen = await ctx.database.db.select({ id: organisations.id }).from(organisations).where(which);
        if (key && chosen.length !== 1) {
          console.error('Unknown organisation (give its id or exact name).');
          return 2;
        }
        let rewrapped = 0;
        for (const o of chosen) {
          const r = await ctx.crypto.rotateOrganisationKey(ctx.database.db, o.id);
          rewrapped += r.rewrapped;
          await writeAuditAlone(ctx.database.db, { action: 'keys.organisation_rotate', outcome: 'success', resourceType: 'organisation', resourceId: o.id, purpose: `case_keys:${r.rewrapped}` });
        }
        console.log(`${chosen.length} organisation key(s) replaced: ${rewrapped} case keys re-wrapped, no data re-encrypted.`);
        return 0;
      });

    case 'cases:rekey':
      return withContext(async (ctx) => {
        const r = await rekeyCases(ctx);
        console.log(`Cases moved to their own data key: ${r.cases} (${r.values} values re-sealed)${r.erased ? `; ${r.erased} erased case(s) skipped` : ''}.`);
        return 0;
      });

    case 'cases:reindex':
      return withContext(async (ctx) => {
        const n = await rebuildSearchIndex(ctx);
        console.log(`Case search index rebuilt: ${n} cases with an identity read.`);
        return 0;
      });

    case 'demo:load':
      return withContext(async (ctx) => {
        const demo = await loadDemo(ctx);
        console.log(demo.banner);
        return 0;
      });

    case 'directory:import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
      if (positionals.length !== 1) {
        console.error(usage);
        return 2;
      }
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
      } catch (err) {
        console.error((err as NodeJS.ErrnoException).code ? `Cannot read the file (${(err as NodeJS.ErrnoException).code}).` : 'The file is not valid JSON.');
        return 1;
      }
      return withContext(async (ctx) => {
        try {
          const report = await importDirectory(ctx, { kind: 'system' }, input, { dryRun: values['dry-run'] });
          const line = (label: string, c: Counts) => `${label.padEnd(10)} ${c.networks} networks, ${c.organisations} organisations, ${c.sportelli} sportelli`;
          if (values['dry-run']) console.log('Dry run: nothing was written. What the import would do:');
          console.log([line('Created', report.created), line('Updated', report.updated), line('Unchanged', report.unchanged)].join('\n'));
          return 0;
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'import_invalid') throw err;
          const errors = err.options.errors ?? [];
          console.error(`The file has ${errors.length} error(s); nothing was written.`);
          for (const e of errors) console.error(`  ${e.pointer || '/'}${e.item ? ` [${e.item}]` : ''}: ${fieldErrorText(e.code, 'en', e.params)} (${e.code})`);
          return 1;
        }
      });
    }

    case 'demo:code': {
      // TOTP codes live for 30-second steps: say how long this one has left, so nobody types a dead code.
      const seconds = 30 - (Math.floor(Date.now() / 1000) % 30);
      const code = await generate({ secret: DEMO_TOTP_SECRET });
      console.log(`${code}  — verification code of every demo account, valid for ${seconds} more second${seconds === 1 ? '' : 's'}`);
      return 0;
    }

    case 'risk:schema':
      // No database: the format is code. Redirect it into docs/risk-instrument.schema.json after changing the format.
      console.log(JSON.stringify(instrumentJsonSchema(), null, 2));
      return 0;

    default:
      console.log(usage);
      return command ? 2 : 0;
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
    else console.error('Command failed:', describeError(err));
    process.exit(1);
  });

