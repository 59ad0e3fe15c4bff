import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { StayAdmit, StayEmergency, StayExit, StayListOut, StayMove, StayMoveCandidatesOut, StayOut, StaysQuery } from '../../../shared/shelters.stays.api.js';
import { stayAdmit, stayEmergency } from '../../../shared/shelters.stays.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { earlierResult, recordResult, type IdempotencyClaim } from '../../platform/idempotency.js';
import { type CaseAccess, accessCase } from '../cases/index.js';
import { checkSocialService, openStayAuthorisation, scheduleDeadline } from './authorisations.service.js';
import { placementProposals, placementRequests, shelterAuthorisations, shelterPlaces, shelterStays, shelterStructures } from './shelters.tables.js';
import { occupyHeldPlaces } from './holds.service.js';
import { freeStayPlaces, takeFree, unitWithRoom } from './stays.places.js';
import { linkPlanAction, movePlanAction } from './stays.plan.js';
import { housingOrganisation, presentStay, selectStays, sideOf, stayAuthorisations, visibleStays } from './stays.present.js';

/**
 * Stays (docs/shelters.md, "Stays, agreement and emergency authorisation").
 * Every write is one transaction with its audit row; a structure, proposal
 * or stay of another organisation is 404 (audited as denied). Callable from
 * a seed: each function takes (ctx, scope, …) like the referral service.
 */

const DENIED = Symbol('denied');
/**
 * A stay's dates are days lived: an admission, exit or move dated after
 * today (Europe/Rome) would free or take places now for a day to come.
 */
function notInFuture(on: string | undefined, pointer: string): void {
  if (on && on > romeToday()) throw new AppError('validation_failed', { errors: [{ pointer, code: 'in_future' }] });
}
/** The people a stay houses: one place each. */
const householdSize = (stay: { adults: number; children: readonly unknown[] }) => stay.adults + stay.children.length;
type StayRow = typeof shelterStays.$inferSelect;
type Admission = Omit<typeof shelterStays.$inferInsert, 'id'>;

/** The case she links, opened through the case's choke point (her organisation's own, or shared by an accepted referral); else 404. */
async function caseFor(ctx: AppContext, scope: Scope, caseId: string | undefined, requestId: string): Promise<void> {
  if (!caseId) return;
  const access = await accessCase(readHandle(ctx.database.db), scope, caseId);
  if (!access) {
    await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.stay.admit', { type: 'case', id: caseId }), outcome: 'denied' });
    throw new AppError('not_found');
  }
}

/** Inserts the stay, takes its places (`place`), links the case's plan action, opens an emergency authorisation: one transaction. */
async function admit(
  ctx: AppContext,
  tx: Tx,
  scope: Scope,
  values: Admission,
  place: (stayId: string) => Promise<void>,
  caseId: string | undefined,
  note: string | undefined,
  structureOrganisationId: string,
  requestId: string,
): Promise<{ id: string; opened: { id: string; dueAt: Date } | null }> {
  const id = randomUUID();
  const noteSealed = note ? await ctx.crypto.encrypt(tx, structureOrganisationId, note, `shelter_stay.note:${id}`) : null;
  await tx.insert(shelterStays).values({ ...values, id, caseId: caseId ?? null, noteSealed, admittedBy: scope.principal.userId });
  await place(id);
  const opened = values.path === 'emergenza' ? await openStayAuthorisation(ctx, tx, id, values.socialServiceId!, scope.principal.userId) : null;
  if (caseId) {
    const access: CaseAccess | null = await accessCase(tx, scope, caseId);
    if (!access) throw new AppError('not_found');
    await linkPlanAction(tx, scope, access, id, values.state === 'in_corso' ? 'in_corso' : 'prevista', requestId);
  }
  return { id, opened };
}

/**
 * Admission from an accepted proposal into the places it holds (the
 * structure's staff). `accordo`: the request's agreement must be given
 * (its social service and payer are copied); `emergenza`: admitted at once,
 * the authorisation opened on the stay, due in SHELTER_AUTHORISATION_HOURS.
 */
export async function admitFromProposal(ctx: AppContext, scope: Scope, raw: StayAdmit, requestId: string): Promise<StayOut> {
  const input = stayAdmit.parse(raw);
  notInFuture(input.admittedOn, '/body/admittedOn');
  await caseFor(ctx, scope, input.caseId, requestId);
  const own = housingOrganisation(scope);
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      // The request first, then the proposal: the order every writer of both takes.
      await tx.execute(sql`select 1 from ${placementRequests} where ${placementRequests.id} = (select ${placementProposals.requestId} from ${placementProposals} where ${placementProposals.id} = ${input.proposalId}) for update`);
      const [p] = await tx
        .select({ proposal: placementProposals, structure: shelterStructures, request: placementRequests })
        .from(placementProposals)
        .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
        .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
        .where(eq(placementProposals.id, input.proposalId))
        .for('update', { of: placementProposals });
      if (!p || !own || p.structure.organisationId !== own) {
        await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.admit', { type: 'placement_proposal', id: input.proposalId }), outcome: 'denied' });
        return DENIED;
      }
      if (p.proposal.state !== 'accettata' || !p.proposal.holdExpiresAt || p.proposal.holdExpiresAt <= new Date()) throw new AppError('stay_proposal_not_held');
      let socialServiceId = input.socialServiceId ?? p.request.socialServiceId;
      let payerOrganisationId: string | null = null;
      if (input.path === 'accordo') {
        const [agreed] = await tx
          .select()
          .from(shelterAuthorisations)
          .where(and(eq(shelterAuthorisations.requestId, p.request.id), eq(shelterAuthorisations.state, 'autorizzata')))
          .orderBy(desc(shelterAuthorisations.decidedAt))
          .limit(1);
        if (!agreed) throw new AppError('stay_not_agreed');
        socialServiceId = agreed.socialServiceId;
        payerOrganisationId = agreed.payerOrganisationId;
      } else {
        if (!socialServiceId) throw new AppError('validation_failed', { errors: [{ pointer: '/body/socialServiceId', code: 'required' }] });
        await checkSocialService(tx, socialServiceId, '/body/socialServiceId');
      }
      const [held] = await tx
        .execute<{ unit_id: string; places: string }>(sql`select unit_id, count(*) as places from shelter_places where proposal_id = ${input.proposalId} and state = 'trattenuto' group by unit_id`)
        .then((r) => r.rows);
      if (!held) throw new AppError('stay_proposal_not_held');
      // The hold was made for the request's household: a larger one would take beds the board shows as free.
      if (Number(held.places) < householdSize(input)) throw new AppError('stay_household_too_large');
      const values: Admission = {
        structureId: p.structure.id,
        unitId: held.unit_id,
        requestId: p.request.id,
        proposalId: p.proposal.id,
        path: input.path,
        state: input.path === 'accordo' ? 'in_corso' : 'in_autorizzazione',
        adults: input.adults,
        children: input.children,
        admittedOn: input.admittedOn ?? romeToday(),
        socialServiceId,
        payerOrganisationId,
        dailyFeeCents: p.structure.dailyFeeCents,
        contributionCents: p.structure.contributionCents,
      };
      const stay = await admit(
        ctx,
        tx,
        scope,
        values,
        async (stayId) => {
          await occupyHeldPlaces(tx, input.proposalId, stayId);
        },
        input.caseId,
        input.note,
        p.structure.organisationId,
        requestId,
      );
      await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.admit', { type: 'shelter_stay', id: stay.id }), purpose: `${input.path};proposal:${p.proposal.id}` });
      return stay;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  if (done.opened) await scheduleDeadline(ctx, done.opened);
  return getStay(ctx, scope, done.id, requestId);
}

/**
 * An emergency admission with no request (the police or the emergency room
 * bring her at night): free places of one unit of her own structure are
 * taken by one conditional update (no double booking), and the named
 * social service is asked to authorise within the deadline.
 */
export async function admitEmergency(ctx: AppContext, scope: Scope, raw: StayEmergency, requestId: string, claim: IdempotencyClaim | null = null): Promise<StayOut> {
  const input = stayEmergency.parse(raw);
  notInFuture(input.admittedOn, '/body/admittedOn');
  // A retry of a night admission whose answer was lost must not take a second set of beds.
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return getStay(ctx, scope, earlier, requestId);
  await caseFor(ctx, scope, input.caseId, requestId);
  const own = housingOrganisation(scope);
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [structure] = own ? await tx.select().from(shelterStructures).where(and(eq(shelterStructures.id, input.structureId), eq(shelterStructures.organisationId, own))) : [];
      if (!structure) {
        await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.emergency', { type: 'shelter_structure', id: input.structureId }), outcome: 'denied' });
        return DENIED;
      }
      await checkSocialService(tx, input.socialServiceId, '/body/socialServiceId');
      const n = input.adults + input.children.length;
      const unitId = await unitWithRoom(tx, structure.id, n, input.unitId);
      const values: Admission = {
        structureId: structure.id,
        unitId,
        path: 'emergenza',
        state: 'in_autorizzazione',
        adults: input.adults,
        children: input.children,
        admittedOn: input.admittedOn ?? romeToday(),
        socialServiceId: input.socialServiceId,
        dailyFeeCents: structure.dailyFeeCents,
        contributionCents: structure.contributionCents,
      };
      const stay = await admit(ctx, tx, scope, values, (stayId) => takeFree(tx, unitId, n, stayId), input.caseId, input.note, structure.organisationId, requestId);
      await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.emergency', { type: 'shelter_stay', id: stay.id }), purpose: `emergenza;unit:${unitId}` });
      if (claim) await recordResult(tx, claim, stay.id);
      return stay;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  if (done.opened) await scheduleDeadline(ctx, done.opened);
  return getStay(ctx, scope, done.id, requestId);
}

/** Runs a change on one of her structures' open stays: locked, 404 for anyone else (audited), 409 when ended, 412 stale. */
async function onOwnStay<T>(ctx: AppContext, scope: Scope, id: string, expected: number, requestId: string, action: 'shelter.stay.exit' | 'shelter.stay.move', work: (tx: Tx, stay: StayRow) => Promise<T>): Promise<T> {
  const own = housingOrganisation(scope);
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [row] = await tx
        .select({ stay: shelterStays, organisationId: shelterStructures.organisationId })
        .from(shelterStays)
        .innerJoin(shelterStructures, eq(shelterStructures.id, shelterStays.structureId))
        .where(eq(shelterStays.id, id))
        .for('update', { of: shelterStays });
      if (!row || !own || row.organisationId !== own) {
        await writeAudit(tx, { ...actedBy(scope, requestId, action, { type: 'shelter_stay', id }), outcome: 'denied' });
        return { denied: DENIED } as const;
      }
      if (row.stay.exitedOn) throw new AppError('stay_not_active');
      if (row.stay.version !== expected) throw new AppError('precondition_failed');
      return { value: await work(tx, row.stay) };
    },
    () => new AppError('conflict'),
  );
  if ('denied' in done) throw new AppError('not_found');
  return done.value;
}

/** Ends a stay in the caller's transaction: exit fields, places freed, the plan action done. */
async function endStay(tx: Tx, scope: Scope, stay: StayRow, exit: StayExit, requestId: string, planDone = true, pointer = '/body/exitedOn'): Promise<void> {
  notInFuture(exit.exitedOn, pointer);
  if (exit.exitedOn < stay.admittedOn) throw new AppError('validation_failed', { errors: [{ pointer, code: 'invalid_value' }] });
  // A refused emergency admission keeps its state (the record shows it was not authorised); its exit is still recorded.
  const state = stay.state === 'non_autorizzata' ? 'non_autorizzata' : stay.state === 'in_autorizzazione' ? 'in_autorizzazione' : 'conclusa';
  // A move hands the plan action on to the next stay (the unique link is taken off this one first).
  const planActionId = planDone ? stay.planActionId : null;
  await tx.update(shelterStays).set({ exitedOn: exit.exitedOn, exitReason: exit.reason, state, planActionId, version: stay.version + 1, updatedAt: new Date() }).where(eq(shelterStays.id, stay.id));
  await freeStayPlaces(tx, stay.id);
  if (planDone && stay.state === 'in_corso') await movePlanAction(tx, stay, 'fatta', { userId: scope.principal.userId, organisationId: scope.principal.organisation?.id ?? null }, requestId);
}

/**
 * The exit (date, coded reason): the places are free again. An emergency
 * admission still awaiting its authorisation may end too (she left): the
 * authorisation stays open for the social service to decide the days she
 * spent; authorised then, the stay is `conclusa`.
 */
export async function exitStay(ctx: AppContext, scope: Scope, id: string, expected: number, input: StayExit, requestId: string): Promise<StayOut> {
  await onOwnStay(ctx, scope, id, expected, requestId, 'shelter.stay.exit', async (tx, stay) => {
    await endStay(tx, scope, stay, input, requestId);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.exit', { type: 'shelter_stay', id }), purpose: input.reason });
  });
  return getStay(ctx, scope, id, requestId);
}

/**
 * A move between levels: this stay ends (`trasferimento`) and the next
 * begins in the places another structure holds for a request her
 * organisation made (the proposal it accepted), with the same social
 * service and payer; the next structure's staff see the new stay from then.
 */
export async function moveStay(ctx: AppContext, scope: Scope, id: string, expected: number, input: StayMove, requestId: string): Promise<StayOut> {
  const newId = await onOwnStay(ctx, scope, id, expected, requestId, 'shelter.stay.move', async (tx, stay) => {
    if (stay.state !== 'in_corso') throw new AppError('stay_not_active');
    await tx.execute(sql`select 1 from ${placementRequests} where ${placementRequests.id} = (select ${placementProposals.requestId} from ${placementProposals} where ${placementProposals.id} = ${input.proposalId}) for update`);
    const [p] = await tx
      .select({ proposal: placementProposals, structure: shelterStructures, request: placementRequests })
      .from(placementProposals)
      .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
      .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
      .where(eq(placementProposals.id, input.proposalId))
      .for('update', { of: placementProposals });
    if (!p || p.request.requestingOrganisationId !== scope.principal.organisation?.id) {
      // A proposal for another organisation's request (or none): the probe is audited, nothing else is written.
      await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.move', { type: 'placement_proposal', id: input.proposalId }), outcome: 'denied' });
      return DENIED;
    }
    if (p.proposal.state !== 'accettata' || !p.proposal.holdExpiresAt || p.proposal.holdExpiresAt <= new Date() || p.structure.id === stay.structureId) throw new AppError('stay_proposal_not_held');
    // A hold is in one unit: its places, counted, must take her whole household (a hold made for a smaller one would crowd it).
    const [held] = await tx
      .execute<{ unit_id: string; places: number }>(sql`select unit_id, count(*)::int as places from shelter_places where proposal_id = ${input.proposalId} and state = 'trattenuto' group by unit_id limit 1`)
      .then((r) => r.rows);
    if (!held) throw new AppError('stay_proposal_not_held');
    if (Number(held.places) < householdSize(stay)) throw new AppError('stay_move_too_small');
    await endStay(tx, scope, stay, { exitedOn: input.movedOn, reason: 'trasferimento' }, requestId, false, '/body/movedOn');
    const nextId = randomUUID();
    await tx.insert(shelterStays).values({
      id: nextId,
      structureId: p.structure.id,
      unitId: held.unit_id,
      requestId: p.request.id,
      proposalId: p.proposal.id,
      caseId: stay.caseId,
      planActionId: stay.planActionId,
      previousStayId: stay.id,
      path: stay.path,
      state: 'in_corso',
      adults: stay.adults,
      children: stay.children,
      admittedOn: input.movedOn,
      admittedBy: scope.principal.userId,
      socialServiceId: stay.socialServiceId,
      payerOrganisationId: stay.payerOrganisationId,
      dailyFeeCents: p.structure.dailyFeeCents,
      contributionCents: p.structure.contributionCents,
    });
    await occupyHeldPlaces(tx, p.proposal.id, nextId);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'shelter.stay.move', { type: 'shelter_stay', id: nextId }), purpose: `previous:${stay.id}` });
    return nextId;
  });
  // The new stay may be another organisation's: she sees the one she ended, which names the next.
  if (newId === DENIED) throw new AppError('not_found');
  return getStay(ctx, scope, (await canSee(ctx, scope, newId)) ? newId : id, requestId);
}

/**
 * What a stay may move into (the move form's choices): the accepted
 * proposals still holding places at another structure, for requests her
 * organisation made — the same rows `moveStay` accepts. The stay must be
 * one of her structures' (else 404, audited as a denied read); a stay that
 * cannot move has none. Audited as a listing of her requests.
 */
export async function moveCandidates(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<StayMoveCandidatesOut> {
  const own = housingOrganisation(scope);
  const db = readHandle(ctx.database.db);
  const [row] = await db
    .select({ stay: shelterStays, organisationId: shelterStructures.organisationId })
    .from(shelterStays)
    .innerJoin(shelterStructures, eq(shelterStructures.id, shelterStays.structureId))
    .where(eq(shelterStays.id, id));
  if (!row || !own || row.organisationId !== own) {
    await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.stay.read', { type: 'shelter_stay', id }), outcome: 'denied' });
    throw new AppError('not_found');
  }
  if (row.stay.state !== 'in_corso' || row.stay.exitedOn) return { items: [] };
  const held = sql<number>`(select count(*)::int from ${shelterPlaces} where ${shelterPlaces.proposalId} = ${placementProposals.id} and ${shelterPlaces.state} = 'trattenuto')`;
  const rows = await db
    .select({
      proposalId: placementProposals.id,
      requestCode: placementRequests.code,
      structure: { id: shelterStructures.id, name: shelterStructures.name, level: shelterStructures.level },
      places: held,
      holdExpiresAt: placementProposals.holdExpiresAt,
    })
    .from(placementProposals)
    .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
    .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
    .where(
      and(
        eq(placementRequests.requestingOrganisationId, own),
        eq(placementProposals.state, 'accettata'),
        gt(placementProposals.holdExpiresAt, new Date()),
        ne(placementProposals.structureId, row.stay.structureId),
      ),
    )
    .orderBy(asc(placementProposals.holdExpiresAt), asc(placementProposals.id))
    .limit(100);
  const items = rows.filter((r) => r.places >= householdSize(row.stay)).map((r) => ({ ...r, holdExpiresAt: r.holdExpiresAt! }));
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.request.list'), purpose: `move of stay ${id}: ${items.length} held` });
  return { items };
}

async function canSee(ctx: AppContext, scope: Scope, id: string): Promise<boolean> {
  const [r] = await selectStays(readHandle(ctx.database.db), eq(shelterStays.id, id));
  return !!r && sideOf(scope, r.stay, r.structure.organisationId) !== null;
}

export function getStay(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<StayOut> {
  return readStay(ctx, scope, id, requestId, 'shelter.stay.read');
}

/**
 * One stay as her side sees it — the one decision behind the detail and its
 * printed record (stays.print.ts), so paper never shows more than the
 * screen: anyone else, or an unknown id, 404 audited as denied.
 */
export async function readStay(ctx: AppContext, scope: Scope, id: string, requestId: string, action: 'shelter.stay.read' | 'shelter.stay.printed'): Promise<StayOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectStays(db, eq(shelterStays.id, id));
  const side = r ? sideOf(scope, r.stay, r.structure.organisationId) : null;
  const audit = actedBy(scope, requestId, action, { type: 'shelter_stay', id });
  if (!r || !side) {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  const out = await presentStay(ctx, db, r, side, (await stayAuthorisations(db, [id])).get(id) ?? null, true);
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: side });
  return out;
}

export async function listStays(ctx: AppContext, scope: Scope, q: StaysQuery, requestId: string): Promise<StayListOut> {
  const mine = visibleStays(scope);
  if (!mine) throw new AppError('forbidden');
  const db = readHandle(ctx.database.db);
  const where = and(mine, q.state ? eq(shelterStays.state, q.state) : undefined);
  const rows = await selectStays(db, where)
    .orderBy(sql`${shelterStays.exitedOn} is null desc`, desc(shelterStays.admittedOn), desc(shelterStays.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(shelterStays).where(where);
  const auths = await stayAuthorisations(db, rows.map((r) => r.stay.id));
  const items = [];
  for (const r of rows) {
    const { note: _n, ...item } = await presentStay(ctx, db, r, sideOf(scope, r.stay, r.structure.organisationId)!, auths.get(r.stay.id) ?? null, false);
    items.push(item);
  }
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.stay.list'), purpose: `page ${q.page}: ${items.length}` });
  return { items, total: total?.n ?? 0 };
}
