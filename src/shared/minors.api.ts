import { z } from 'zod';

/**
 * The pathway of a minor who is herself a victim (the `minor` section of a
 * case, docs/minors.md), shared by the server and the web: who holds
 * parental responsibility, the mandatory report to the juvenile judicial
 * authority, the referral to the child-protection social service, and who
 * may give a consent for her.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

/** How a holder of parental responsibility (or whoever exercises it) is related to her. */
export const holderRelations = ['madre', 'padre', 'tutore', 'altro'] as const;
export type HolderRelation = (typeof holderRelations)[number];

/** Where the mandatory report went: the prosecutor at the juvenile court, the juvenile court itself, or the ordinary prosecutor (a crime prosecuted ex officio). */
export const minorReportRecipients = ['procura_minorenni', 'tribunale_minorenni', 'procura_ordinaria'] as const;

/**
 * Who gave a consent recorded on a minor's case: she herself, a holder of
 * parental responsibility (named by `holderId`), or, when no holder may
 * (every holder is the author, or absent), the special curator the court
 * appointed, the social service the court entrusted her to, or the court's
 * own authorisation. A consent on an adult's case is hers (`interessata`).
 */
export const consentGivers = ['interessata', 'titolare', 'curatore_speciale', 'servizio_affidatario', 'tribunale'] as const;
export type ConsentGiver = (typeof consentGivers)[number];

/** From this age she may give alone the consents listed below (art. 2-quinquies Codice privacy, the age of digital consent in Italy). */
export const MINOR_OWN_CONSENT_AGE = 14;
/** The consents a minor of 14–17 may give alone; taking charge and sharing need whoever holds parental responsibility (and is not the author). */
export const minorOwnConsentPurposes = ['contatto', 'statistiche_anonime'] as const;

/** At most this many holders (two parents, a guardian, and one more). */
export const MINOR_MAX_HOLDERS = 4;

export const holderFields = z
  .object({
    /** Kept across saves so consents can name the holder; a new holder gets one from the server. */
    id: z.uuid().optional(),
    relation: z.enum(holderRelations),
    /** He or she is the author of the violence: never gives a consent for her, never told by the centre. */
    isAuthor: z.boolean(),
    /** Whether he or she has been informed of her pathway (null: not decided yet). */
    informed: z.boolean().nullable().default(null),
    /** Sealed. */
    name: text(120).optional(),
    /** Sealed. */
    contact: text(300).optional(),
  })
  .strict();

export const minorFields = z
  .object({
    /** Her age in years on `ageOn` (a class would not tell whether she is under 14). */
    age: z.number().int().min(0).max(17),
    ageOn: isoDate,
    /** The day the centre learnt of the violence against her: the report's and the referral's deadlines run from it. */
    knownOn: isoDate,
    holders: z.array(holderFields).max(MINOR_MAX_HOLDERS).default([]),
    /** The mandatory report, once made. */
    report: z
      .object({ on: isoDate, to: z.enum(minorReportRecipients), by: text(120).optional(), reference: text(120).optional() })
      .strict()
      .nullable()
      .default(null),
    /** The referral to the child-protection social service (tutela minori), once made. */
    referral: z.object({ on: isoDate, service: text(200).optional(), reference: text(120).optional() }).strict().nullable().default(null),
    /** Sealed. */
    notes: text(2000).optional(),
  })
  .strict();
export type MinorFields = z.infer<typeof minorFields>;

const caseRef = z.object({ id: z.uuid(), code: z.string() });

export const minorOut = z.object({
  /** 0 while none is recorded: the If-Match of the first save. */
  version: z.number().int(),
  record: z
    .object({
      age: z.number().int(),
      ageOn: z.string(),
      /** Her age today, counted from `age` on `ageOn` by whole years (never more than she may be). */
      ageToday: z.number().int(),
      knownOn: z.string(),
      holders: z.array(z.object({ id: z.uuid(), relation: z.enum(holderRelations), isAuthor: z.boolean(), informed: z.boolean().nullable(), name: z.string().nullable(), contact: z.string().nullable() })),
      report: z.object({ on: z.string(), to: z.enum(minorReportRecipients), by: z.string().nullable(), reference: z.string().nullable() }).nullable(),
      referral: z.object({ on: z.string(), service: z.string().nullable(), reference: z.string().nullable() }).nullable(),
      notes: z.string().nullable(),
      reportDueOn: z.string(),
      referralDueOn: z.string(),
      savedAt: z.date(),
    })
    .nullable(),
  /** Her mother's case when this one was opened from a child of it, only if the viewer holds that case; otherwise null (nothing about it is told). */
  motherCase: caseRef.nullable(),
  /** The profile's age class is under 18: the screens offer the minor's pathway. */
  minorByProfile: z.boolean(),
});
export type MinorOut = z.infer<typeof minorOut>;

/** The answer to opening a child as a case of her own: the new case. */
export const childCaseOut = z.object({ id: z.uuid(), code: z.string() });
