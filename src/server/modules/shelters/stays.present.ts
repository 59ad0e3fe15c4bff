import { type SQL, and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrganisationType } from '../../../shared/domain.js';
import { stayReference } from '../../../shared/shelters.js';
import type { StayOut } from '../../../shared/shelters.stays.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { organisations } from '../organisations/index.js';
import { HOUSING_ORGANISATION_TYPES } from './shelters.policy.js';
import { shelterAuthorisations, shelterStays, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * A stay as each side sees it (docs/shelters.md, "Who sees what"). The
 * structure's own staff: everything, the note opened with their key. The
 * competent social service and the payer: dates, household size, level,
 * structure name, fees — never the address (it is not even read here),
 * never the unit, the note, the case or the request.
 */

export type StaySide = StayOut['side'];
type StayRow = typeof shelterStays.$inferSelect;

const STRUCTURE_STAFF = ['organisation_head', 'operator'] as const;

/** Her organisation runs housing structures and she is their staff. */
export function housingOrganisation(scope: Scope): string | null {
  const { organisation, organisationRole, isInstanceAdmin } = scope.principal;
  if (!organisation || isInstanceAdmin) return null;
  if (!(HOUSING_ORGANISATION_TYPES as readonly OrganisationType[]).includes(organisation.type)) return null;
  return (STRUCTURE_STAFF as readonly string[]).includes(organisationRole ?? '') ? organisation.id : null;
}

/** SQL: the stays she may see — her structures' (their staff), those her organisation agreed or pays. */
export function visibleStays(scope: Scope): SQL | null {
  const { organisation, isInstanceAdmin } = scope.principal;
  if (!organisation || isInstanceAdmin) return null;
  const own = housingOrganisation(scope);
  return or(
    own ? sql`${shelterStays.structureId} in (select id from ${shelterStructures} where organisation_id = ${own})` : undefined,
    eq(shelterStays.socialServiceId, organisation.id),
    eq(shelterStays.payerOrganisationId, organisation.id),
  )!;
}

/** Her side of a stay (null: she may not see it; the caller answers 404). */
export function sideOf(scope: Scope, stay: Pick<StayRow, 'socialServiceId' | 'payerOrganisationId'>, structureOrganisationId: string): StaySide | null {
  const org = scope.principal.organisation?.id;
  if (!org || scope.principal.isInstanceAdmin) return null;
  if (housingOrganisation(scope) === structureOrganisationId) return 'struttura';
  if (stay.socialServiceId === org) return 'servizio_sociale';
  if (stay.payerOrganisationId === org) return 'pagante';
  return null;
}

const socialService = alias(organisations, 'social_service');
const payer = alias(organisations, 'payer');

/** Stays with what a presenter shows (the structure's name and level, never its address column). */
export function selectStays(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      stay: shelterStays,
      structure: { id: shelterStructures.id, name: shelterStructures.name, level: shelterStructures.level, organisationId: shelterStructures.organisationId },
      unit: { id: shelterUnits.id, name: shelterUnits.label },
      socialService: { id: socialService.id, name: socialService.name },
      payer: { id: payer.id, name: payer.name, type: payer.type },
      nextStayId: sql<string | null>`(select n.id from shelter_stays n where n.previous_stay_id = "shelter_stays"."id" limit 1)`,
    })
    .from(shelterStays)
    .innerJoin(shelterStructures, eq(shelterStructures.id, shelterStays.structureId))
    .innerJoin(shelterUnits, eq(shelterUnits.id, shelterStays.unitId))
    .leftJoin(socialService, eq(socialService.id, shelterStays.socialServiceId))
    .leftJoin(payer, eq(payer.id, shelterStays.payerOrganisationId))
    .where(where);
}
export type StayJoined = Awaited<ReturnType<typeof selectStays>>[number];

/** Days of a stay so far: the admission day counted, the exit day not (an open stay: through today). */
export function stayDays(admittedOn: string, exitedOn: string | null, today = romeToday()): number {
  const end = exitedOn ?? nextDay(today);
  return Math.max(0, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${admittedOn}T00:00:00Z`)) / 86_400_000));
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The latest authorisation of each stay (an emergency admission's). */
export async function stayAuthorisations(db: DbOrTx, stayIds: string[]) {
  if (!stayIds.length) return new Map<string, StayOut['authorisation']>();
  const rows = await db
    .select({ id: shelterAuthorisations.id, stayId: shelterAuthorisations.stayId, state: shelterAuthorisations.state, dueAt: shelterAuthorisations.dueAt, escalatedAt: shelterAuthorisations.escalatedAt })
    .from(shelterAuthorisations)
    .where(and(inArray(shelterAuthorisations.stayId, stayIds)))
    .orderBy(desc(shelterAuthorisations.requestedAt));
  const out = new Map<string, StayOut['authorisation']>();
  for (const r of rows) if (r.stayId && !out.has(r.stayId)) out.set(r.stayId, { id: r.id, state: r.state, dueAt: r.dueAt, escalatedAt: r.escalatedAt });
  return out;
}

export async function presentStay(ctx: AppContext, db: DbOrTx, r: StayJoined, side: StaySide, authorisation: StayOut['authorisation'], withNote: boolean): Promise<StayOut> {
  const s = r.stay;
  const own = side === 'struttura';
  const open = s.exitedOn === null;
  const note = own && withNote && s.noteSealed ? await ctx.crypto.decrypt(db, s.noteSealed, `shelter_stay.note:${s.id}`) : null;
  return {
    id: s.id,
    reference: stayReference(s.id),
    side,
    structure: { id: r.structure.id, name: r.structure.name, level: r.structure.level },
    unit: own ? r.unit : null,
    path: s.path,
    state: s.state,
    adults: s.adults,
    children: s.children,
    admittedOn: s.admittedOn,
    exitedOn: s.exitedOn,
    exitReason: s.exitReason,
    days: stayDays(s.admittedOn, s.exitedOn),
    socialService: r.socialService?.id ? { id: r.socialService.id, name: r.socialService.name } : null,
    payer: r.payer?.id ? { id: r.payer.id, name: r.payer.name, type: r.payer.type as OrganisationType } : null,
    dailyFeeCents: s.dailyFeeCents,
    contributionCents: s.contributionCents,
    authorisation,
    previousStayId: s.previousStayId,
    nextStayId: r.nextStayId,
    caseId: own ? s.caseId : null,
    requestId: own ? s.requestId : null,
    note,
    version: s.version,
    acts: { exit: own && open, move: own && open && s.state === 'in_corso' },
  };
}
