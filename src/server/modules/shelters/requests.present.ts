import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PlacementRequestOut, PlacementRequestSummary, ProposalOut } from '../../../shared/shelters.requests.api.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { organisations } from '../organisations/index.js';
import { openNote } from './requests.common.js';
import { placementProposals, placementRequests, shelterPlaces, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * What the placement requests' answers show (docs/shelters.md, "Who sees
 * what"): the requester sees its request whole (the note opened); a
 * structure's staff see the need and the requesting organisation's name —
 * never the case, the note or the area. A structure appears by id, name,
 * level and province: never an address.
 */

export type RequestRow = typeof placementRequests.$inferSelect;
export type ProposalRow = typeof placementProposals.$inferSelect;

const structureRef = { id: shelterStructures.id, name: shelterStructures.name, level: shelterStructures.level, provinceCode: shelterStructures.provinceCode };
const socialService = alias(organisations, 'social_service');

/** Requests with their requester's name and the open proposal's structure. */
export function selectRequests(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ row: placementRequests, requester: { id: organisations.id, name: organisations.name }, socialService: { id: socialService.id, name: socialService.name } })
    .from(placementRequests)
    .innerJoin(organisations, eq(organisations.id, placementRequests.requestingOrganisationId))
    .leftJoin(socialService, eq(socialService.id, placementRequests.socialServiceId))
    .where(where);
}
export type RequestJoined = Awaited<ReturnType<typeof selectRequests>>[number];

/** The proposals of these requests, oldest first, with their structures. */
export async function proposalsOf(db: DbOrTx, requestIds: readonly string[]) {
  if (!requestIds.length) return [];
  return db
    .select({ row: placementProposals, structure: structureRef })
    .from(placementProposals)
    .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
    .where(inArray(placementProposals.requestId, [...requestIds]))
    .orderBy(asc(placementProposals.sentAt), asc(placementProposals.id));
}
type ProposalJoined = Awaited<ReturnType<typeof proposalsOf>>[number];

const historyItem = (p: ProposalJoined) => ({
  id: p.row.id,
  version: p.row.version,
  structure: p.structure,
  state: p.row.state,
  sentAt: p.row.sentAt,
  decidedAt: p.row.decidedAt,
  declineReason: p.row.declineReason,
  holdExpiresAt: p.row.holdExpiresAt,
});

const isOpen = (p: ProposalJoined) => p.row.state === 'in_attesa' || p.row.state === 'accettata';

export function presentSummary(r: RequestJoined, proposals: readonly ProposalJoined[]): PlacementRequestSummary {
  const open = proposals.find((p) => p.row.requestId === r.row.id && isOpen(p));
  return {
    id: r.row.id,
    code: r.row.code,
    version: r.row.version,
    state: r.row.state,
    closedReason: r.row.closedReason,
    urgency: r.row.urgency,
    level: r.row.level,
    adults: r.row.adults,
    childrenCount: r.row.children.length,
    requester: r.requester,
    openProposal: open ? historyItem(open) : null,
    createdAt: r.row.createdAt,
    updatedAt: r.row.updatedAt,
  };
}

/** One request, whole, for its requesting organisation. */
export async function presentRequest(ctx: AppContext, db: DbOrTx, r: RequestJoined): Promise<PlacementRequestOut> {
  const proposals = await proposalsOf(db, [r.row.id]);
  const summary = presentSummary(r, proposals);
  const live = r.row.state !== 'chiusa' && r.row.state !== 'ammessa';
  return {
    ...summary,
    children: r.row.children,
    wheelchair: r.row.wheelchair,
    pets: r.row.pets,
    languages: r.row.languages,
    avoidProvinceCode: r.row.avoidProvinceCode,
    minDistanceKm: r.row.minDistanceKm,
    criteria: r.row.criteria,
    caseId: r.row.caseId,
    socialService: r.socialService?.id ? { id: r.socialService.id, name: r.socialService.name } : null,
    note: await openNote(ctx, db, 'request', r.row.id, r.row.noteSealed),
    closedAt: r.row.closedAt,
    proposals: proposals.map(historyItem),
    acts: {
      edit: r.row.state === 'aperta',
      close: live,
      propose: r.row.state === 'aperta',
      withdrawProposal: !!summary.openProposal && live,
    },
  };
}

// --- The structure's side ----------------------------------------------------

/** Proposals with their structure, request and requester, for the structure's inbox. */
export function selectProposals(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      row: placementProposals,
      structure: structureRef,
      structureOrganisationId: shelterStructures.organisationId,
      request: placementRequests,
      requester: { id: organisations.id, name: organisations.name },
    })
    .from(placementProposals)
    .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
    .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
    .innerJoin(organisations, eq(organisations.id, placementRequests.requestingOrganisationId))
    .where(where)
    .orderBy(desc(placementProposals.sentAt), desc(placementProposals.id));
}
export type ProposalInboxRow = Awaited<ReturnType<typeof selectProposals>>[number];

export function presentProposalItem(p: ProposalInboxRow): Omit<ProposalOut, 'unit' | 'acts'> {
  const r = p.request;
  return {
    id: p.row.id,
    version: p.row.version,
    state: p.row.state,
    structure: p.structure,
    requester: p.requester,
    need: { code: r.code, urgency: r.urgency, level: r.level, adults: r.adults, children: r.children, wheelchair: r.wheelchair, pets: r.pets, languages: r.languages, criteria: r.criteria },
    sentAt: p.row.sentAt,
    decidedAt: p.row.decidedAt,
    declineReason: p.row.declineReason,
    holdExpiresAt: p.row.holdExpiresAt,
  };
}

/** The unit holding (or occupied by) a proposal's places, and how many: the structure's staff only. */
export async function heldUnit(db: DbOrTx, proposalId: string): Promise<ProposalOut['unit']> {
  const [u] = await db
    .select({ id: shelterUnits.id, label: shelterUnits.label, places: sql<number>`count(*)::int` })
    .from(shelterPlaces)
    .innerJoin(shelterUnits, eq(shelterUnits.id, shelterPlaces.unitId))
    .where(and(eq(shelterPlaces.proposalId, proposalId)))
    .groupBy(shelterUnits.id, shelterUnits.label);
  return u ?? null;
}

/** A proposal as her side sees it: the structure's staff (the unit shown) or the requester (no unit). */
export async function presentProposal(db: DbOrTx, p: ProposalInboxRow, side: 'structure' | 'requester'): Promise<ProposalOut> {
  const open = p.row.state === 'in_attesa';
  return {
    ...presentProposalItem(p),
    unit: side === 'structure' ? await heldUnit(db, p.row.id) : null,
    acts: {
      accept: side === 'structure' && open,
      decline: side === 'structure' && open,
      withdraw: side === 'requester' && (open || p.row.state === 'accettata'),
    },
  };
}
