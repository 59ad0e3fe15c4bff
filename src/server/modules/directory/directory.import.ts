import { sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type Viewer, planImport } from './directory.import.check.js';
import { zodImportErrors } from './directory.import.errors.js';
import { ledBy } from './directory.import.load.js';
import { directoryImportFile } from './directory.import.schema.js';
import { type Counts, type ImportReport, applyPlan, writeChanges } from './directory.import.write.js';

export type { Counts, ImportReport };

/** Who imports: the system (CLI, demo seed, bench) or a user through the API. */
export type ImportActor = { kind: 'system' } | { kind: 'user'; scope: Scope; requestId: string };

/** One import at a time: the cross-checks must see the state the writes change. */
const IMPORT_LOCK = 7_363_010;

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

async function viewerOf(db: DbOrTx, actor: ImportActor): Promise<Viewer> {
  const none = new Set<string>();
  if (actor.kind === 'system') return { all: true, opensSecrets: true, ownOrganisationId: null, organisations: none, ledNetworks: none };
  const { principal, organisationIds } = actor.scope;
  const own = principal.organisation?.id ?? null;
  if (organisationIds === 'all') return { all: true, opensSecrets: false, ownOrganisationId: own, organisations: none, ledNetworks: none };
  const coordinates = own !== null && principal.organisationRole === 'network_coordinator';
  return {
    all: false,
    opensSecrets: false,
    ownOrganisationId: own,
    organisations: new Set(organisationIds),
    ledNetworks: coordinates ? await ledBy(db, own) : none,
  };
}

const triple = (c: Counts) => `${c.networks}/${c.organisations}/${c.sportelli}`;
/** The audit purpose: counts only (networks/organisations/sportelli), never a value of the file. */
const purposeOf = (r: ImportReport) => `created ${triple(r.created)} updated ${triple(r.updated)} unchanged ${triple(r.unchanged)}`;

function auditEvent(actor: ImportActor, purpose: string, outcome: AuditEvent['outcome'] = 'success'): AuditEvent {
  const base: AuditEvent = actor.kind === 'user' ? actedBy(actor.scope, actor.requestId, 'directory.import') : { action: 'directory.import', outcome };
  return { ...base, outcome, purpose };
}

/**
 * Imports a directory file (format `trama-directory/1`, see
 * docs/directory-import.md): idempotent by each item's externalId. The file
 * is validated and cross-checked as a whole first; any error rejects it
 * with the list of every error (`import_invalid`) and nothing is written.
 * Otherwise one transaction creates, updates in place or leaves unchanged
 * each item, keeps the change history and writes one audit row. Items in
 * the database but not in the file are left as they are.
 *
 * `dryRun`: the same work in a transaction rolled back; the report says
 * what the import would do.
 */
export async function importDirectory(ctx: AppContext, actor: ImportActor, input: unknown, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const { db } = ctx.database;
  try {
    const parsed = directoryImportFile.safeParse(input);
    if (!parsed.success) throw zodImportErrors(parsed.error.issues, input).toError();
    return await writeTransaction(
      db,
      async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
        const viewer = await viewerOf(tx, actor);
        const plan = await planImport(tx, parsed.data, viewer);
        const { report, changes } = await applyPlan(tx, ctx.crypto, plan, viewer);
        if (options.dryRun) throw new DryRunDone(report);
        await writeChanges(tx, changes, actor.kind === 'user' ? actor.scope.principal.userId : null);
        await writeAudit(tx, auditEvent(actor, purposeOf(report)));
        return report;
      },
      () => new AppError('conflict'),
    );
  } catch (err) {
    if (err instanceof DryRunDone) {
      await writeAuditAlone(db, auditEvent(actor, `dry-run ${purposeOf(err.report)}`));
      return err.report;
    }
    if (err instanceof AppError && err.code === 'import_invalid') {
      const errors = err.options.errors ?? [];
      const denied = errors.some((e) => e.code === 'out_of_scope');
      await writeAuditAlone(db, auditEvent(actor, `rejected: ${errors.length} errors`, denied ? 'denied' : 'failure'));
    }
    throw err;
  }
}
