import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers } from '../organisations/index.js';
import { autonomyEquipeMembers, autonomyEquipes, autonomyPartners, autonomyProgrammes } from './autonomy.tables.js';

/**
 * Who reads and who manages a programme (docs/autonomy.md, "Programmes"):
 * - manages: a network coordinator whose organisation leads (is capofila
 *   of) the programme's network — the same rule as the other modules'
 *   "coordinator of a network";
 * - reads: that coordinator; the staff of its capofila and partners; the
 *   staff of the member organisations of one of its équipes.
 * Nobody else sees it: 404 (audited as denied). The instance administrator
 * holds none of it.
 */

export interface ProgrammeActor {
  userId: string;
  organisationId: string;
  coordinator: boolean;
  requestId: string;
}

export type ProgrammeRow = typeof autonomyProgrammes.$inferSelect;

/** Her side of one programme: what the audit row's purpose says, and whether she may manage it. */
export interface ProgrammeSide {
  manage: boolean;
  capofila: boolean;
  partner: boolean;
  equipe: boolean;
}

export function programmeActor(scope: Scope, requestId: string): ProgrammeActor {
  const { organisation, isInstanceAdmin, organisationRole, userId } = scope.principal;
  if (!organisation || isInstanceAdmin) throw new AppError('organisation_required');
  return { userId, organisationId: organisation.id, coordinator: organisationRole === 'network_coordinator', requestId };
}

/** The networks she coordinates: her organisation leads them and she is its network coordinator. */
export async function ledNetworkIds(db: DbOrTx, actor: ProgrammeActor): Promise<string[]> {
  if (!actor.coordinator) return [];
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, actor.organisationId), eq(networkMembers.isCapofila, true)));
  return rows.map((r) => r.id);
}

/** SQL: the programmes she may read (for lists). */
export function readableProgrammes(actor: ProgrammeActor, led: readonly string[]) {
  const partner = sql`${autonomyProgrammes.id} in (select ${autonomyPartners.programmeId} from ${autonomyPartners} where ${autonomyPartners.organisationId} = ${actor.organisationId})`;
  const equipe = sql`${autonomyProgrammes.id} in (select e.programme_id from ${autonomyEquipes} e join ${autonomyEquipeMembers} m on m.equipe_id = e.id where m.organisation_id = ${actor.organisationId})`;
  return or(led.length ? inArray(autonomyProgrammes.networkId, [...led]) : undefined, partner, equipe)!;
}

/** Her side of a programme; null when she may not read it. */
export async function sideOf(db: DbOrTx, actor: ProgrammeActor, row: ProgrammeRow): Promise<ProgrammeSide | null> {
  const manage = (await ledNetworkIds(db, actor)).includes(row.networkId);
  const [partnerRow] = await db
    .select({ role: autonomyPartners.role })
    .from(autonomyPartners)
    .where(and(eq(autonomyPartners.programmeId, row.id), eq(autonomyPartners.organisationId, actor.organisationId)));
  const [equipeRow] = await db
    .select({ id: autonomyEquipes.id })
    .from(autonomyEquipes)
    .innerJoin(autonomyEquipeMembers, eq(autonomyEquipeMembers.equipeId, autonomyEquipes.id))
    .where(and(eq(autonomyEquipes.programmeId, row.id), eq(autonomyEquipeMembers.organisationId, actor.organisationId)))
    .limit(1);
  const side = { manage, capofila: row.capofilaOrganisationId === actor.organisationId, partner: !!partnerRow, equipe: !!equipeRow };
  return side.manage || side.capofila || side.partner || side.equipe ? side : null;
}

/** The side as the audit row's purpose names it ("coordinator,partner"). */
export const sidePurpose = (side: ProgrammeSide) =>
  (['manage', 'capofila', 'partner', 'equipe'] as const)
    .filter((k) => side[k])
    .map((k) => (k === 'manage' ? 'coordinator' : k))
    .join(',');
