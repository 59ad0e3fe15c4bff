import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { intakeSenderTypes } from '../../../shared/intake.api.js';
import { networkComuni, sportelli } from '../directory/index.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';

type SenderType = (typeof intakeSenderTypes)[number];

/** The organisation she sends for: one of the kinds that send (the policy says so too; checked again here). */
export function senderOrganisation(scope: Scope): { id: string; type: SenderType } {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  if (!(intakeSenderTypes as readonly string[]).includes(organisation.type)) throw new AppError('forbidden');
  return { id: organisation.id, type: organisation.type as SenderType };
}

/** The CAV whose inbox she reads (the policy admits only a CAV's staff). */
export function recipientOrganisation(scope: Scope): string {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  if (organisation.type !== 'cav') throw new AppError('forbidden');
  return organisation.id;
}

/**
 * The CAVs a sender may send to: the CAVs of her organisation's networks.
 * The 1522 helpline is national, and an organisation in no network has no
 * network to choose in: both choose among every CAV of the instance.
 */
export async function allowedRecipients(db: DbOrTx, sender: { id: string; type: SenderType }): Promise<{ id: string; name: string }[]> {
  const own = sender.type === 'helpline' ? [] : await db.select({ networkId: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, sender.id));
  if (!own.length) {
    return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.type, 'cav')).orderBy(asc(organisations.name));
  }
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(networkMembers, eq(networkMembers.organisationId, organisations.id))
    .where(and(eq(organisations.type, 'cav'), inArray(networkMembers.networkId, own.map((n) => n.networkId))))
    .orderBy(asc(organisations.name));
}

/**
 * The CAV covering her comune among those offered: the organisation of the
 * comune's 1522 referent (the comune's own, else its network's; never a
 * secret one), else a CAV with a public sportello in that comune. Null when none of those is offered.
 */
export async function suggestedRecipient(db: DbOrTx, comuneCode: string, offered: readonly { id: string }[]): Promise<string | null> {
  const ids = new Set(offered.map((o) => o.id));
  const [covering] = await db
    .select({ comuneReferent: networkComuni.referentSportelloId, networkReferent: networks.referentSportelloId })
    .from(networkComuni)
    .innerJoin(networks, eq(networks.id, networkComuni.networkId))
    .where(eq(networkComuni.istatCode, comuneCode));
  const referentId = covering?.comuneReferent ?? covering?.networkReferent;
  if (referentId) {
    const [referent] = await db.select({ organisationId: sportelli.organisationId }).from(sportelli).where(eq(sportelli.id, referentId));
    if (referent && ids.has(referent.organisationId)) return referent.organisationId;
  }
  // A secret sportello's comune is never a reason to suggest its centre: that would tell where it is.
  const local = await db.select({ organisationId: sportelli.organisationId }).from(sportelli).where(and(eq(sportelli.comuneCode, comuneCode), ne(sportelli.visibility, 'secret')));
  return local.find((s) => ids.has(s.organisationId))?.organisationId ?? null;
}
