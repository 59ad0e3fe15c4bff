import { z } from 'zod';
import { consentForms, contactChannels } from './cases.js';
import { phone } from './fields.js';

/**
 * Inbound referrals (issue 12, docs/intake.md): an emergency room, the
 * police, the social services, a health service or the 1522 helpline send a
 * woman not yet known to a CAV of the network, with her consent to be
 * contacted. Shared by the server (validation, OpenAPI, serializer) and the
 * web (types and the form's checks).
 */

/** The kinds of organisation that send (outside the CAV); a CAV or a CUAV never does. */
export const intakeSenderTypes = ['pronto_soccorso', 'sanita', 'forze_ordine', 'servizio_sociale', 'helpline'] as const;
/** The kind of organisation that receives: an anti-violence centre (never a CUAV, rule 6). */
export const intakeRecipientTypes = ['cav'] as const;

/** Where she comes from: a code (the network's key indicator counts by it). */
export const intakeSources = ['accesso_ps', 'intervento_ff_oo', 'servizi_sociali', 'chiamata_1522', 'servizio_sanitario'] as const;
export type IntakeSource = (typeof intakeSources)[number];

/** The source a sender's kind of organisation usually means (the form's default). */
export const defaultSourceOf: Record<(typeof intakeSenderTypes)[number], IntakeSource> = {
  pronto_soccorso: 'accesso_ps',
  sanita: 'servizio_sanitario',
  forze_ordine: 'intervento_ff_oo',
  servizio_sociale: 'servizi_sociali',
  helpline: 'chiamata_1522',
};

/** The case's access channel (its statistical profile) a source becomes. */
export const accessChannelOf = {
  accesso_ps: 'pronto_soccorso',
  intervento_ff_oo: 'forze_ordine',
  servizi_sociali: 'servizi_sociali',
  chiamata_1522: '1522',
  servizio_sanitario: 'medico',
} as const satisfies Record<IntakeSource, string>;

export const intakeUrgencies = ['ordinaria', 'urgente'] as const;

/**
 * What the sender sees: sent, not reached yet (the CAV tried), taken in
 * charge (a case was opened), declined.
 */
export const intakeStatuses = ['inviata', 'non_raggiunta', 'presa_in_carico', 'rifiutata'] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];
/** Statuses the CAV can still act on. */
export const openIntakeStatuses = ['inviata', 'non_raggiunta'] as const satisfies readonly IntakeStatus[];

/** Why a CAV declines: codes only (no free text travels back to the sender). */
export const intakeDeclineReasons = ['fuori_territorio', 'rifiuto_della_donna', 'irreperibile', 'gia_seguita', 'altro'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

/** How to reach her safely: for the receiving CAV only (sealed with its key). */
export const intakeContact = z
  .object({
    firstName: text(80).optional(),
    lastName: text(80).optional(),
    phone,
    /** When it is safe to call (e.g. "weekdays 9-12, he works"). */
    safeHours: text(200).optional(),
    /** Anything the caller must know: leave no message, ask for a code word, call a friend first. */
    instructions: text(1000).optional(),
    noMessages: z.boolean().default(false),
  })
  .strict();
export type IntakeContact = z.infer<typeof intakeContact>;

/**
 * Her consent to be contacted by the CAV: mandatory. `given` must be true —
 * without it the form is refused (`consent_required`): a referral without
 * her yes is not sent.
 */
export const intakeConsent = z
  .object({
    given: z.boolean(),
    channel: z.enum(contactChannels),
    givenOn: isoDate,
    form: z.enum(consentForms).default('orale'),
  })
  .strict();

export const intakeCreate = z
  .object({
    recipientOrganisationId: z.uuid(),
    source: z.enum(intakeSources),
    urgency: z.enum(intakeUrgencies).default('ordinaria'),
    comuneCode: z.string().regex(/^\d{6}$/, 'istat_code'),
    contact: intakeContact,
    consent: intakeConsent,
    /** A short note for the CAV (sealed with its key): what happened, what she asked for. */
    note: text(1000).optional(),
  })
  .strict();
export type IntakeCreate = z.infer<typeof intakeCreate>;

/** What the sender keeps: her reference and the status, never the woman's data. */
export const intakeSentOut = z.object({
  id: z.uuid(),
  reference: z.string(),
  recipient: z.object({ id: z.uuid(), name: z.string() }),
  source: z.enum(intakeSources),
  urgency: z.enum(intakeUrgencies),
  status: z.enum(intakeStatuses),
  declineReason: z.enum(intakeDeclineReasons).nullable(),
  sentAt: z.date(),
  closedAt: z.date().nullable(),
});

export const intakeSentListOut = z.object({ items: z.array(intakeSentOut), total: z.number().int() });

/** One inbound referral as the receiving CAV's staff see it (contact unsealed). */
export const intakeInboxOut = z.object({
  id: z.uuid(),
  reference: z.string(),
  sender: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  source: z.enum(intakeSources),
  urgency: z.enum(intakeUrgencies),
  status: z.enum(intakeStatuses),
  comune: z.object({ istatCode: z.string(), name: z.string() }),
  consent: z.object({ channel: z.enum(contactChannels), givenOn: z.string(), form: z.enum(consentForms) }),
  /** Null once closed: a case holds it now, or the CAV declined and nothing of her is kept. */
  contact: intakeContact.nullable(),
  note: z.string().nullable(),
  attempts: z.number().int(),
  lastAttemptAt: z.date().nullable(),
  declineReason: z.enum(intakeDeclineReasons).nullable(),
  caseId: z.uuid().nullable(),
  sentAt: z.date(),
  /** Minutes from sending to the first attempt to contact her, and to the case (the network's indicator). */
  minutesToFirstContact: z.number().int().nullable(),
  minutesToCase: z.number().int().nullable(),
  closedAt: z.date().nullable(),
});

export const intakeInboxQuery = z.object({
  status: z.enum(intakeStatuses).optional(),
  urgency: z.enum(intakeUrgencies).optional(),
  source: z.enum(intakeSources).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const intakeSentQuery = intakeInboxQuery.pick({ status: true, page: true, pageSize: true });

/** The inbox list: summaries (no contact data in a list), and the counters by status. */
export const intakeInboxSummaryOut = intakeInboxOut.omit({ contact: true, note: true, consent: true });
export const intakeInboxListOut = z.object({
  items: z.array(intakeInboxSummaryOut),
  total: z.number().int(),
  counts: z.object({ inviata: z.number().int(), non_raggiunta: z.number().int(), presa_in_carico: z.number().int(), rifiutata: z.number().int(), urgentOpen: z.number().int() }),
});

export const intakeDecline = z.object({ reason: z.enum(intakeDeclineReasons) }).strict();

/** The CAVs she may send to, the one covering her comune first (`suggested`). */
export const intakeRecipientsQuery = z.object({ comuneCode: z.string().regex(/^\d{6}$/, 'istat_code').optional() });
export const intakeRecipientsOut = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
  suggestedId: z.uuid().nullable(),
});

export const intakeConvertedOut = z.object({ caseId: z.uuid(), caseCode: z.string() });
