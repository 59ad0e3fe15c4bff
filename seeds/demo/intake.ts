import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../src/server/access/access.tables.js';
import { writeAudit } from '../../src/server/audit/audit.writer.js';
import type { AppContext } from '../../src/server/context.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { inboundReferrals } from '../../src/server/modules/intake/index.js';
import { notify } from '../../src/server/modules/notifications/index.js';
import type { Tx } from '../../src/server/platform/db.js';
import type { IntakeContact } from '../../src/shared/intake.api.js';

/**
 * DEMO DATA — fictitious inbound referrals (docs/intake.md) to the demo
 * CAV: from the demo social service and from the 1522 helpline, one in each
 * state the sender sees — sent (urgent, two hours ago), not reached yet
 * (two attempts), taken in charge (linked to one of the CAV's demo
 * pathways), declined (outside the territory: her contact erased). The
 * names and numbers are invented (300 numbers are not assigned to mobile
 * lines). Contacts are sealed with the CAV's key, as the service does;
 * times are relative to the load.
 */

const HOUR = 3_600_000;
const TREVIGLIO = '016219';

interface DemoIntake {
  from: 'sociale' | 'helpline';
  source: 'servizi_sociali' | 'chiamata_1522';
  urgency: 'ordinaria' | 'urgente';
  hoursAgo: number;
  contact: IntakeContact;
  note: string;
  outcome: { status: 'inviata' } | { status: 'non_raggiunta'; attempts: number } | { status: 'presa_in_carico'; afterHours: number } | { status: 'rifiutata'; reason: 'fuori_territorio' };
}

const DEMO_INTAKE: DemoIntake[] = [
  {
    from: 'sociale',
    source: 'servizi_sociali',
    urgency: 'urgente',
    hoursAgo: 2,
    contact: { firstName: 'Elena', phone: '+39 300 000 0101', safeHours: 'Mattina 9-12, quando il marito è al lavoro', instructions: 'Chiedere di Elena, non dire che chiama il centro', noMessages: true },
    note: 'Colloquio per il sostegno al reddito: riferisce minacce ripetute, chiede di essere richiamata presto.',
    outcome: { status: 'inviata' },
  },
  {
    from: 'helpline',
    source: 'chiamata_1522',
    urgency: 'ordinaria',
    hoursAgo: 30,
    contact: { phone: '+39 300 000 0102', safeHours: 'Pomeriggio dopo le 15', noMessages: false },
    note: 'Chiamata al 1522: violenza psicologica da parte dell’ex compagno.',
    outcome: { status: 'non_raggiunta', attempts: 2 },
  },
  {
    from: 'sociale',
    source: 'servizi_sociali',
    urgency: 'ordinaria',
    hoursAgo: 120,
    contact: { firstName: 'Nadia', phone: '+39 300 000 0103', noMessages: false },
    note: 'Segnalata dal servizio tutela minori.',
    outcome: { status: 'presa_in_carico', afterHours: 20 },
  },
  {
    from: 'helpline',
    source: 'chiamata_1522',
    urgency: 'ordinaria',
    hoursAgo: 72,
    contact: { phone: '+39 300 000 0104', noMessages: false },
    note: 'Vive fuori dal territorio della rete.',
    outcome: { status: 'rifiutata', reason: 'fuori_territorio' },
  },
];

/** Loads the demo's inbound referrals in the demo load's transaction. */
export async function loadDemoIntake(ctx: AppContext, tx: Tx, orgs: { cav: string; sociale: string; helpline: string }): Promise<void> {
  const senderOf = async (username: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const senders = { sociale: await senderOf('assistente.sociale'), helpline: await senderOf('operatrice.1522') };
  const operator = await senderOf('operatrice.cav');
  const [oneCase] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.organisationId, orgs.cav), eq(cases.stage, 'contatto'))).orderBy(asc(cases.createdAt)).limit(1);
  const now = Date.now();
  for (const [i, d] of DEMO_INTAKE.entries()) {
    const id = crypto.randomUUID();
    const sentAt = new Date(now - d.hoursAgo * HOUR);
    const open = d.outcome.status === 'inviata' || d.outcome.status === 'non_raggiunta';
    const base = {
      id,
      reference: `R26-DEMO-000${i + 1}`,
      senderOrganisationId: orgs[d.from],
      senderUserId: senders[d.from],
      recipientOrganisationId: orgs.cav,
      source: d.source,
      urgency: d.urgency,
      comuneCode: TREVIGLIO,
      consentChannel: 'telefono',
      consentGivenOn: sentAt.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }),
      consentForm: 'orale',
      contactSealed: open ? await ctx.crypto.encrypt(tx, orgs.cav, JSON.stringify(d.contact), `inbound_referral.contact:${id}`) : null,
      noteSealed: open ? await ctx.crypto.encrypt(tx, orgs.cav, JSON.stringify(d.note), `inbound_referral.note:${id}`) : null,
      createdAt: sentAt,
      updatedAt: sentAt,
    };
    const o = d.outcome;
    if (o.status === 'inviata') {
      await tx.insert(inboundReferrals).values(base);
      await notify(tx, { recipients: { role: 'operator', organisationId: orgs.cav }, kind: 'intake_received', params: { urgency: d.urgency }, target: { type: 'intake', box: 'inbox' } });
    } else if (o.status === 'non_raggiunta') {
      await tx.insert(inboundReferrals).values({ ...base, status: 'non_raggiunta', attempts: o.attempts, firstAttemptAt: new Date(sentAt.getTime() + 3 * HOUR), lastAttemptAt: new Date(sentAt.getTime() + 26 * HOUR) });
    } else if (o.status === 'presa_in_carico' && oneCase) {
      const closedAt = new Date(sentAt.getTime() + o.afterHours * HOUR);
      await tx.insert(inboundReferrals).values({ ...base, status: 'presa_in_carico', caseId: oneCase.id, firstAttemptAt: closedAt, closedAt, closedBy: operator });
    } else if (o.status === 'rifiutata') {
      const closedAt = new Date(sentAt.getTime() + 5 * HOUR);
      await tx.insert(inboundReferrals).values({ ...base, status: 'rifiutata', declineReason: o.reason, closedAt, closedBy: operator });
    } else continue;
    await writeAudit(tx, { action: 'intake.create', outcome: 'success', actorUserId: senders[d.from], actorOrganisationId: orgs[d.from], resourceType: 'inbound_referral', resourceId: id });
  }
}
