import { randomUUID } from 'node:crypto';
import { desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type RedditoApplicationOut,
  type RedditoFields,
  type RedditoOut,
  type RedditoState,
} from '../../../shared/autonomy.reddito.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { cases, markChanged, onCase, readOnCase } from '../cases/index.js';
import { organisations } from '../organisations/index.js';
import { dueStep } from './reddito.due.js';
import { redditoApplications } from './reddito.tables.js';

/**
 * The Reddito di libertà of a case (docs/autonomy.md, "Reddito di
 * libertà"): read and written only through the cases' choke point, under
 * the case's `plan` section — the individual plan's team (the owning
 * organisation, a coordinating one, a partner whose share names the plan).
 * A share of `work_housing` alone (a CPI, a housing agency) does not reach
 * it: it is economic support, like the projects' economic actions that
 * such a member does not see. Outside that, 404; every read and write is
 * audited on the case.
 */

type Row = typeof redditoApplications.$inferSelect;

const cavOrg = alias(organisations, 'reddito_cav');
const socialOrg = alias(organisations, 'reddito_social');

/** The case's applications, newest first, with the names of the organisations that signed the statements. */
async function applicationsOf(db: DbOrTx, caseId: string) {
  return db
    .select({ row: redditoApplications, cavName: cavOrg.name, socialName: socialOrg.name })
    .from(redditoApplications)
    .leftJoin(cavOrg, eq(cavOrg.id, redditoApplications.cavOrganisationId))
    .leftJoin(socialOrg, eq(socialOrg.id, redditoApplications.socialOrganisationId))
    .where(eq(redditoApplications.caseId, caseId))
    .orderBy(desc(redditoApplications.seq));
}

function present({ row, cavName, socialName }: Awaited<ReturnType<typeof applicationsOf>>[number]): RedditoApplicationOut {
  return {
    id: row.id,
    seq: row.seq,
    state: row.state,
    cavStatementOn: row.cavStatementOn,
    cavOrganisation: row.cavOrganisationId ? { id: row.cavOrganisationId, name: cavName ?? '' } : null,
    socialStatementOn: row.socialStatementOn,
    socialOrganisation: row.socialOrganisationId ? { id: row.socialOrganisationId, name: socialName ?? '' } : null,
    filedOn: row.filedOn,
    outcome: row.outcome,
    outcomeOn: row.outcomeOn,
    monthsPaid: row.monthsPaid,
    monthlyCents: row.monthlyCents,
    monthsGranted: row.monthsGranted,
    paidCents: row.monthsPaid * (row.monthlyCents ?? 0),
    openedOn: row.openedOn,
    updatedAt: row.updatedAt,
  };
}

async function view(ctx: AppContext, db: DbOrTx, caseId: string): Promise<RedditoOut> {
  const rows = await applicationsOf(db, caseId);
  const [live, ...earlier] = rows;
  const { monthlyCents, months, stepDays } = ctx.config.reddito;
  return {
    version: live?.row.version ?? 0,
    config: { monthlyCents, months, stepDays },
    current: live ? present(live) : null,
    due: live ? dueStep(live.row, stepDays) : null,
    history: earlier.map(present),
    mayOpen: !live || live.row.outcome !== null,
  };
}

/** The case's Reddito di libertà: the live application, the step it waits on, its history, the measure as configured. */
export function getReddito(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<RedditoOut> {
  return readOnCase(ctx, scope, caseId, requestId, 'autonomy.reddito.read', 'plan', (db) => view(ctx, db, caseId));
}

/** Where the checklist stands: its outcome, once there is one; filed; else gathering the statements. */
export function stateOf(fields: Pick<RedditoFields, 'filedOn' | 'outcome'>): RedditoState {
  return fields.outcome ?? (fields.filedOn ? 'presentata' : 'in_preparazione');
}

const invalid = (errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** The checks that need the server: no day to come, the statements' signatories of the right kind, months within those granted. */
async function check(ctx: AppContext, tx: Tx, input: RedditoFields, grantedMonths: number | null): Promise<void> {
  const today = romeToday();
  const errors: FieldIssue[] = [];
  for (const field of ['cavStatementOn', 'socialStatementOn', 'filedOn', 'outcomeOn'] as const) {
    const day = input[field];
    if (day && day > today) errors.push({ pointer: `/body/${field}`, code: 'in_future' });
  }
  const wanted = { cavOrganisationId: 'cav', socialOrganisationId: 'servizio_sociale' } as const;
  const ids = [input.cavOrganisationId, input.socialOrganisationId].filter((id): id is string => !!id);
  const found = ids.length ? await tx.select({ id: organisations.id, type: organisations.type }).from(organisations).where(inArray(organisations.id, ids)) : [];
  for (const field of ['cavOrganisationId', 'socialOrganisationId'] as const) {
    const id = input[field];
    if (id && found.find((o) => o.id === id)?.type !== wanted[field]) errors.push({ pointer: `/body/${field}`, code: 'unknown_organisation' });
  }
  if (grantedMonths !== null && input.monthsPaid > grantedMonths) errors.push({ pointer: '/body/monthsPaid', code: 'too_big', params: { maximum: grantedMonths } });
  if (errors.length) throw invalid(errors);
}

/** The live application, read under the case's row lock (taken first: two writes on one case run one after the other). */
async function lockedLive(tx: Tx, caseId: string): Promise<Row | undefined> {
  await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
  const [live] = await tx.select().from(redditoApplications).where(eq(redditoApplications.caseId, caseId)).orderBy(desc(redditoApplications.seq)).limit(1);
  return live;
}

/**
 * Saves the live application's checklist. `expected` is the version read
 * (If-Match; `0` when the case has none: this opens the first). A stale
 * version gets 412 and writes nothing. Granted, the application takes the
 * amount and months configured that day and keeps them.
 */
export function saveReddito(ctx: AppContext, scope: Scope, caseId: string, expected: number, input: RedditoFields, requestId: string): Promise<RedditoOut> {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'autonomy.reddito.write',
    'plan',
    async (tx) => {
      const live = await lockedLive(tx, caseId);
      if ((live?.version ?? 0) !== expected) throw new AppError('precondition_failed');
      const { monthlyCents, months } = ctx.config.reddito;
      const keeps = live?.outcome === 'accolta';
      const granted =
        input.outcome === 'accolta'
          ? { monthlyCents: keeps ? live.monthlyCents : monthlyCents, monthsGranted: keeps ? live.monthsGranted : months }
          : { monthlyCents: null, monthsGranted: null };
      await check(ctx, tx, input, granted.monthsGranted);
      const state = stateOf(input);
      const values = { ...input, ...granted, state, updatedBy: scope.principal.userId, updatedAt: new Date() };
      if (live) await tx.update(redditoApplications).set({ ...values, version: live.version + 1 }).where(eq(redditoApplications.id, live.id));
      else await tx.insert(redditoApplications).values({ id: randomUUID(), caseId, seq: 1, version: 1, openedOn: romeToday(), createdBy: scope.principal.userId, ...values });
      await markChanged(tx, caseId);
      return { state, view: await view(ctx, tx, caseId) };
    },
    ({ state }) => `state:${state}`,
  ).then(({ view }) => view);
}

/**
 * Opens a new application: the case has none, or the live one has INPS's
 * outcome (refused, granted, waiting for funds) and stays in the history.
 * An application still without an outcome: 409 `reddito_open`.
 */
export function openReddito(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<RedditoOut> {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'autonomy.reddito.write',
    'plan',
    async (tx) => {
      const live = await lockedLive(tx, caseId);
      if (live && live.outcome === null) throw new AppError('reddito_open');
      const seq = (live?.seq ?? 0) + 1;
      await tx.insert(redditoApplications).values({
        id: randomUUID(),
        caseId,
        seq,
        // The version runs on from the previous application's: an If-Match read on it never matches this one.
        version: (live?.version ?? 0) + 1,
        openedOn: romeToday(),
        createdBy: scope.principal.userId,
        updatedBy: scope.principal.userId,
      });
      await markChanged(tx, caseId);
      return { seq, view: await view(ctx, tx, caseId) };
    },
    ({ seq }) => `open:${seq}`,
  ).then(({ view }) => view);
}
