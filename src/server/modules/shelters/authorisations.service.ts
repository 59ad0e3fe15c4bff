import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { AuthorisationAsk, AuthorisationDecide, AuthorisationListOut, AuthorisationOut, AuthorisationsQuery } from '../../../shared/shelters.stays.api.js';
import { authorisationStates, type AuthorisationState } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { organisations } from '../organisations/index.js';
import { authorisationSide, listable, payersFor, presentAuthorisation, selectAuthorisations } from './authorisations.present.js';
import { placementRequests, shelterAuthorisations, shelterStays } from './shelters.tables.js';
import { requestCodeParam, stayNoticeParams, tellCoordinators, tellOrganisation } from './stays.notify.js';
import { movePlanAction } from './stays.plan.js';

/**
 * The competent social service's agreement (before admission, on a
 * request) and authorisation (after an emergency admission, on the stay):
 * docs/shelters.md, "Stays, agreement and emergency authorisation".
 */

const invalid = (pointer: string, code: 'unknown_organisation' | 'required') => new AppError('validation_failed', { errors: [{ pointer, code }] });
const DENIED = Symbol('denied');
export const AUTHORISATION_JOB = 'shelters.authorisation-overdue';
const DECIDERS = ['organisation_head', 'social_worker'];
const mayDecide = (scope: Scope) => scope.principal.organisation?.type === 'servizio_sociale' && DECIDERS.includes(scope.principal.organisationRole ?? '');

/** The organisation named as competent social service must be one. */
export async function checkSocialService(tx: Tx, id: string, pointer: string): Promise<void> {
  const [org] = await tx.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, id));
  if (org?.type !== 'servizio_sociale') throw invalid(pointer, 'unknown_organisation');
}

/**
 * Asks the request's social service to agree its stay (the requesting
 * organisation's staff; another's request is 404). One open ask per
 * request; an agreement already given answers 409.
 */
export async function askAgreement(ctx: AppContext, scope: Scope, input: AuthorisationAsk, requestId: string): Promise<AuthorisationOut> {
  const id = randomUUID();
  const org = scope.principal.organisation;
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [req] = await tx.select().from(placementRequests).where(eq(placementRequests.id, input.requestId)).for('update');
      if (!req || !org || req.requestingOrganisationId !== org.id) {
        await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.authorisation.ask', { type: 'placement_request', id: input.requestId }), outcome: 'denied' });
        return DENIED;
      }
      if (req.state === 'chiusa' || req.state === 'ammessa') throw new AppError('authorisation_not_pending');
      const socialServiceId = input.socialServiceId ?? req.socialServiceId;
      if (!socialServiceId) throw invalid('/body/socialServiceId', 'required');
      await checkSocialService(tx, socialServiceId, '/body/socialServiceId');
      const [given] = await tx
        .select({ id: shelterAuthorisations.id })
        .from(shelterAuthorisations)
        .where(and(eq(shelterAuthorisations.requestId, req.id), sql`${shelterAuthorisations.state} in ('in_attesa', 'autorizzata')`));
      if (given) throw new AppError('authorisation_not_pending');
      if (req.socialServiceId !== socialServiceId) await tx.update(placementRequests).set({ socialServiceId, updatedAt: new Date() }).where(eq(placementRequests.id, req.id));
      await tx.insert(shelterAuthorisations).values({ id, socialServiceId, requestId: req.id, requestedBy: scope.principal.userId });
      await tellOrganisation(tx, socialServiceId, 'socialService', 'shelter_authorisation_requested', requestCodeParam(req.code), scope.principal.userId);
      await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.authorisation.ask', { type: 'shelter_authorisation', id }), purpose: `request:${req.id}` });
      return id;
    },
    () => new AppError('authorisation_not_pending'),
  );
  if (done === DENIED) throw new AppError('not_found');
  return getAuthorisation(ctx, scope, id, requestId);
}

/**
 * Opens the authorisation of an emergency admission, in the admission's
 * transaction: due SHELTER_AUTHORISATION_HOURS from now; the social service
 * is told. The caller enqueues the deadline's job once it has committed.
 */
export async function openStayAuthorisation(ctx: AppContext, tx: Tx, stayId: string, socialServiceId: string, requestedBy: string | null, now = new Date()): Promise<{ id: string; dueAt: Date }> {
  const id = randomUUID();
  const dueAt = new Date(now.getTime() + ctx.config.shelterAuthorisationHours * 3_600_000);
  await tx.insert(shelterAuthorisations).values({ id, socialServiceId, stayId, requestedBy, requestedAt: now, dueAt });
  await tellOrganisation(tx, socialServiceId, 'socialService', 'shelter_authorisation_requested', await stayNoticeParams(tx, stayId), requestedBy ?? undefined);
  return { id, dueAt };
}

/** Enqueues the deadline's job (once per authorisation; the sweep catches any lost). */
export async function scheduleDeadline(ctx: AppContext, opened: { id: string; dueAt: Date }): Promise<void> {
  await ctx.jobs.enqueue(AUTHORISATION_JOB, { authorisationId: opened.id }, { at: opened.dueAt, key: `shelter-authorisation:${opened.id}` });
}

export async function listAuthorisations(ctx: AppContext, scope: Scope, q: AuthorisationsQuery, requestId: string): Promise<AuthorisationListOut> {
  const mine = listable(scope);
  if (!mine) throw new AppError('forbidden');
  const db = readHandle(ctx.database.db);
  const where = and(mine, q.state ? eq(shelterAuthorisations.state, q.state) : undefined);
  const rows = await selectAuthorisations(db, where)
    .orderBy(sql`${shelterAuthorisations.state} = 'in_attesa' desc`, sql`${shelterAuthorisations.dueAt} asc nulls last`, desc(shelterAuthorisations.requestedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const byState = await selectAuthorisations(db, mine).then((all) => all.map((a) => a.row.state));
  const counts = Object.fromEntries(authorisationStates.map((s) => [s, 0])) as Record<AuthorisationState, number>;
  for (const s of byState) counts[s]++;
  const items = [];
  for (const r of rows) {
    const side = (await authorisationSide(db, scope, r)) ?? 'coordinamento';
    const { payers: _p, note: _n, ...item } = await presentAuthorisation(ctx, db, r, side, mayDecide(scope), false);
    items.push(item);
  }
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.authorisation.list'), purpose: `page ${q.page}: ${items.length}` });
  return { items, total: q.state ? counts[q.state] : byState.length, counts };
}

export async function getAuthorisation(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<AuthorisationOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectAuthorisations(db, eq(shelterAuthorisations.id, id));
  const side = r ? await authorisationSide(db, scope, r) : null;
  const audit = actedBy(scope, requestId, 'shelter.authorisation.read', { type: 'shelter_authorisation', id });
  if (!r || !side) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  const out = await presentAuthorisation(ctx, db, r, side, mayDecide(scope), true);
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: side });
  return out;
}

/**
 * The competent social service decides (If-Match). Authorising names the
 * payer (itself or a public body of its networks); an emergency stay then
 * runs (`in_corso`, its plan action too). Refusing an emergency stay makes
 * it `non_autorizzata` and tells the structure and the coordinator(s): she
 * is not put out by software — the stay ends when the structure records
 * her exit. The requester or the structure hears of every answer.
 */
export async function decideAuthorisation(ctx: AppContext, scope: Scope, id: string, expected: number, input: AuthorisationDecide, requestId: string): Promise<AuthorisationOut> {
  const org = scope.principal.organisation;
  const audit = actedBy(scope, requestId, 'shelter.authorisation.decide', { type: 'shelter_authorisation', id });
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [row] = await tx.select().from(shelterAuthorisations).where(eq(shelterAuthorisations.id, id)).for('update');
      if (!row || !org || row.socialServiceId !== org.id || !mayDecide(scope)) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
      if (row.state !== 'in_attesa') throw new AppError('authorisation_not_pending');
      if (row.version !== expected) throw new AppError('precondition_failed');
      const now = new Date();
      const authorised = input.decision === 'autorizza';
      if (authorised && !(await payersFor(tx, row.socialServiceId)).some((p) => p.id === input.payerOrganisationId)) throw invalid('/body/payerOrganisationId', 'unknown_organisation');
      const noteSealed = !authorised && input.note ? await ctx.crypto.encrypt(tx, org.id, input.note, `shelter_authorisation.note:${id}`) : null;
      await tx
        .update(shelterAuthorisations)
        .set({ state: authorised ? 'autorizzata' : 'rifiutata', decidedBy: scope.principal.userId, decidedAt: now, payerOrganisationId: authorised ? input.payerOrganisationId : null, noteSealed, version: row.version + 1 })
        .where(eq(shelterAuthorisations.id, id));
      const decision = authorised ? 'autorizzata' : 'rifiutata';
      if (row.stayId) {
        const [stay] = await tx.select().from(shelterStays).where(eq(shelterStays.id, row.stayId)).for('update');
        if (stay && stay.state === 'in_autorizzazione') {
          const next = authorised ? (stay.exitedOn ? 'conclusa' : 'in_corso') : 'non_autorizzata';
          await tx
            .update(shelterStays)
            .set({ state: next, payerOrganisationId: authorised ? input.payerOrganisationId : null, version: stay.version + 1, updatedAt: now })
            .where(eq(shelterStays.id, stay.id));
          const actor = { userId: scope.principal.userId, organisationId: org.id };
          await movePlanAction(tx, stay, authorised ? (stay.exitedOn ? 'fatta' : 'in_corso') : 'annullata', actor, requestId);
          const structureOrg = await structureOrganisation(tx, stay.structureId);
          const which = await stayNoticeParams(tx, stay.id);
          if (authorised) await tellOrganisation(tx, structureOrg, 'structure', 'shelter_authorisation_decided', { decision, ...which }, scope.principal.userId);
          else {
            await tellOrganisation(tx, structureOrg, 'structure', 'shelter_authorisation_refused', which, scope.principal.userId);
            await tellCoordinators(tx, stay.structureId, 'shelter_authorisation_refused', which);
          }
        }
      } else if (row.requestId) {
        const [req] = await tx.select({ org: placementRequests.requestingOrganisationId, code: placementRequests.code }).from(placementRequests).where(eq(placementRequests.id, row.requestId));
        if (req) await tellOrganisation(tx, req.org, 'requester', 'shelter_authorisation_decided', { decision, ...requestCodeParam(req.code) }, scope.principal.userId);
      }
      await writeAudit(tx, { ...audit, purpose: authorised ? `autorizzata;payer:${input.payerOrganisationId}` : 'rifiutata' });
      return true;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  return getAuthorisation(ctx, scope, id, requestId);
}

async function structureOrganisation(tx: Tx, structureId: string): Promise<string> {
  const rows = await tx.execute<{ organisation_id: string }>(sql`select organisation_id from shelter_structures where id = ${structureId}`);
  return rows.rows[0]!.organisation_id;
}

/** How many authorisations wait in her social service's inbox (not audited: a number of her own work). */
export async function countPending(ctx: AppContext, scope: Scope): Promise<number> {
  const org = scope.principal.organisation;
  if (!org) return 0;
  const [row] = await readHandle(ctx.database.db)
    .select({ n: count() })
    .from(shelterAuthorisations)
    .where(and(eq(shelterAuthorisations.socialServiceId, org.id), eq(shelterAuthorisations.state, 'in_attesa')));
  return row?.n ?? 0;
}
