import { sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type FormatFailures, type Viewer, planImport } from './directory.import.check.js';
import { ImportErrors, zodImportErrors } from './directory.import.errors.js';
import { ledBy } from './directory.import.load.js';
import { type DirectoryImportFile, directoryImportFile, importNetwork, importOrganisation, importSportello } from './directory.import.schema.js';
import { type Counts, type ImportReport as WrittenReport, applyPlan, writeChanges } from './directory.import.write.js';
import { type HoursDoubt, hoursDoubts } from './hours.js';

/** A doubtful value accepted: where, which item, which code (texts in src/shared/field-errors.ts); never the value. */
export interface ImportWarning {
  pointer: string;
  code: HoursDoubt;
  item?: string;
}

/** What an import did (or would do), and what in the file looks doubtful without being wrong. */
export interface ImportReport extends WrittenReport {
  /** Doubtful but accepted values (`hours_not_canonical`, `hours_dst_gap`): pointer, item, code. */
  warnings: ImportWarning[];
}
export type { Counts };

const LISTS = [
  ['networks', importNetwork],
  ['organisations', importOrganisation],
  ['sportelli', importSportello],
] as const;

/**
 * The part of a file that passes the format check, item by item: lists keep
 * their positions (failed items leave holes), and the externalIds of the
 * failed items are listed, so the cross-checks run on the rest in the same
 * round and say nothing about references to the failed ones.
 */
function passingPart(input: unknown): { file: DirectoryImportFile; failed: FormatFailures } {
  const file: DirectoryImportFile = { format: 'trama-directory/1', networks: [], organisations: [], sportelli: [] };
  const failed = { networks: new Set<string>(), organisations: new Set<string>(), sportelli: new Set<string>() };
  const record = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  for (const [kind, schema] of LISTS) {
    const list = record[kind];
    if (!Array.isArray(list)) continue;
    const out = file[kind] as unknown[];
    list.forEach((entry: unknown, index) => {
      const parsed = schema.safeParse(entry);
      if (parsed.success) out[index] = parsed.data;
      else {
        const id = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).externalId : undefined;
        if (typeof id === 'string') failed[kind].add(id.trim());
      }
    });
  }
  return { file, failed };
}

/** Doubtful hours of the sportelli: accepted, reported. */
function hoursWarnings(file: DirectoryImportFile, now: Date): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  file.sportelli.forEach((s, index) => {
    for (const field of ['openingHours', 'phoneHours'] as const) {
      const expression = s[field];
      if (!expression) continue;
      for (const code of hoursDoubts(expression, now)) warnings.push({ pointer: `/sportelli/${index}/${field}`, code, item: s.externalId });
    }
  });
  return warnings;
}

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
    // Format errors and cross-checks come in one answer: when the format
    // fails, the cross-checks still run on the items that passed it.
    const parsed = directoryImportFile.safeParse(input);
    const formatErrors = parsed.success ? new ImportErrors() : zodImportErrors(parsed.error.issues, input);
    const part = parsed.success ? { file: parsed.data, failed: undefined } : passingPart(input);
    return await writeTransaction(
      db,
      async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
        const viewer = await viewerOf(tx, actor);
        const plan = await planImport(tx, part.file, viewer, formatErrors, part.failed);
        if (formatErrors.any) throw formatErrors.toError();
        const written = await applyPlan(tx, ctx.crypto, plan, viewer);
        const report: ImportReport = { ...written.report, warnings: hoursWarnings(part.file, new Date()) };
        const { changes } = written;
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
