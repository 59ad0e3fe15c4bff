import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrganisationType } from '../../../shared/domain.js';
import type { AuthorisationOut } from '../../../shared/shelters.stays.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { networkMembers, organisations } from '../organisations/index.js';
import { placementProposals, placementRequests, shelterAuthorisations, shelterStays, shelterStructures } from './shelters.tables.js';
import { housingOrganisation } from './stays.present.js';
import { ledStructures } from './stays.notify.js';

/**
 * An agreement or authorisation as each side sees it: the competent social
 * service (it decides; the refusal's note is its own), the requesting
 * organisation (a request's), the structure's staff (an emergency stay's),
 * and the coordinator of a network the structure serves (an emergency
 * stay's, to follow up an overdue one). Never an address, a case, a name.
 */

export type AuthorisationSide = 'servizio_sociale' | 'richiedente' | 'struttura' | 'coordinamento';
type Row = typeof shelterAuthorisations.$inferSelect;

/** Public bodies that may pay a stay's fees, besides the social service itself (a network's). */
export const PUBLIC_PAYER_TYPES = ['servizio_sociale', 'ente_capofila', 'sanita', 'prefettura'] as const satisfies readonly OrganisationType[];

const service = alias(organisations, 'auth_social_service');
const payer = alias(organisations, 'auth_payer');
const stay = alias(shelterStays, 'auth_stay');
const structure = alias(shelterStructures, 'auth_structure');

/** The structure concerned: the stay's, or the one whose accepted proposal holds places for the request. */
const structureIdOf = sql<string | null>`coalesce(${stay.structureId}, (select p.structure_id from ${placementProposals} p where p.request_id = ${shelterAuthorisations.requestId} and p.state in ('accettata', 'ammessa') order by p.sent_at desc limit 1))`;

export function selectAuthorisations(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      row: shelterAuthorisations,
      socialService: { id: service.id, name: service.name },
      payer: { id: payer.id, name: payer.name, type: payer.type },
      request: { code: placementRequests.code, requestingOrganisationId: placementRequests.requestingOrganisationId, adults: placementRequests.adults, children: placementRequests.children },
      stay: { adults: stay.adults, children: stay.children, admittedOn: stay.admittedOn, structureId: stay.structureId },
      structure: { id: structure.id, name: structure.name, level: structure.level, organisationId: structure.organisationId },
    })
    .from(shelterAuthorisations)
    .innerJoin(service, eq(service.id, shelterAuthorisations.socialServiceId))
    .leftJoin(payer, eq(payer.id, shelterAuthorisations.payerOrganisationId))
    .leftJoin(placementRequests, eq(placementRequests.id, shelterAuthorisations.requestId))
    .leftJoin(stay, eq(stay.id, shelterAuthorisations.stayId))
    .leftJoin(structure, eq(structure.id, structureIdOf))
    .where(where);
}
export type AuthorisationJoined = Awaited<ReturnType<typeof selectAuthorisations>>[number];

/**
 * SQL: what her organisation may list — its inbox as a social service; the
 * agreements it asked for its own requests; a coordinator, the emergency
 * ones of the structures of the networks she leads.
 */
export function listable(scope: Scope): SQL | null {
  const org = scope.principal.organisation;
  if (!org || scope.principal.isInstanceAdmin) return null;
  const inbox = org.type === 'servizio_sociale' ? eq(shelterAuthorisations.socialServiceId, org.id) : undefined;
  const asked = eq(placementRequests.requestingOrganisationId, org.id);
  const coordinator = scope.principal.organisationRole === 'network_coordinator' ? sql`${stay.structureId} in ${ledStructures(org.id)}` : undefined;
  return or(inbox, asked, coordinator)!;
}

/** Her side of one authorisation (null: 404). */
export async function authorisationSide(db: DbOrTx, scope: Scope, r: AuthorisationJoined): Promise<AuthorisationSide | null> {
  const org = scope.principal.organisation;
  if (!org || scope.principal.isInstanceAdmin) return null;
  if (r.row.socialServiceId === org.id && org.type === 'servizio_sociale') return 'servizio_sociale';
  if (r.row.requestId && r.request?.requestingOrganisationId === org.id) return 'richiedente';
  if (r.row.stayId && r.structure && housingOrganisation(scope) === r.structure.organisationId) return 'struttura';
  if (r.row.stayId && r.structure && scope.principal.organisationRole === 'network_coordinator') {
    const [led] = await db
      .select({ n: sql<number>`1` })
      .from(networkMembers)
      .where(and(eq(networkMembers.organisationId, org.id), eq(networkMembers.isCapofila, true), sql`${networkMembers.networkId} in (select network_id from shelter_structure_networks where structure_id = ${r.structure.id})`));
    if (led) return 'coordinamento';
  }
  return null;
}

/** The payers a social service may name: itself and the public bodies of the networks it belongs to. */
export async function payersFor(db: DbOrTx, socialServiceId: string) {
  const rows = await db
    .selectDistinct({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(
      or(
        eq(organisations.id, socialServiceId),
        and(
          inArray(organisations.type, [...PUBLIC_PAYER_TYPES]),
          sql`${organisations.id} in (select m.organisation_id from ${networkMembers} m where m.network_id in (select network_id from ${networkMembers} where organisation_id = ${socialServiceId}))`,
        ),
      ),
    )
    .orderBy(organisations.name);
  return rows.map((r) => ({ ...r, type: r.type as OrganisationType }));
}

const overdue = (row: Row, now: Date) => row.state === 'in_attesa' && row.dueAt !== null && row.dueAt <= now;

export async function presentAuthorisation(ctx: AppContext, db: DbOrTx, r: AuthorisationJoined, side: AuthorisationSide, mayDecide: boolean, full: boolean): Promise<AuthorisationOut> {
  const row = r.row;
  const decide = side === 'servizio_sociale' && mayDecide && row.state === 'in_attesa';
  const note = full && side === 'servizio_sociale' && row.noteSealed ? await ctx.crypto.decrypt(db, row.noteSealed, `shelter_authorisation.note:${row.id}`) : null;
  const household = r.stay?.adults != null ? r.stay : r.request;
  return {
    id: row.id,
    subject: row.stayId ? 'permanenza' : 'richiesta',
    requestId: row.requestId,
    requestCode: r.request?.code ?? null,
    stayId: row.stayId,
    state: row.state,
    socialService: r.socialService,
    structure: r.structure?.id ? { id: r.structure.id, name: r.structure.name, level: r.structure.level } : null,
    adults: household?.adults ?? 1,
    children: household?.children ?? [],
    admittedOn: r.stay?.admittedOn ?? null,
    requestedAt: row.requestedAt,
    dueAt: row.dueAt,
    overdue: overdue(row, new Date()),
    escalatedAt: row.escalatedAt,
    decidedAt: row.decidedAt,
    payer: r.payer?.id ? { id: r.payer.id, name: r.payer.name, type: r.payer.type as OrganisationType } : null,
    note,
    version: row.version,
    acts: { decide },
    payers: full && decide ? await payersFor(db, row.socialServiceId) : [],
  };
}
