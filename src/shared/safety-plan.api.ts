import { z } from 'zod';
import { isoDate } from './cases.api.js';
import { phone } from './fields.js';

/**
 * The safety plan (piano di sicurezza) of a case: one current plan, each
 * save a new version kept for good. Its API, shared by the server and the
 * web (the form is derived from these schemas). Everything she says in it
 * is sealed with the case's key on the server; never printed (docs/safety-plan.md).
 */

/** Kinds of safe place she can go to. */
export const safePlaceKinds = ['familiari', 'amici', 'vicini', 'luogo_pubblico', 'forze_ordine', 'centro_antiviolenza', 'casa_rifugio', 'altro'] as const;
/** Who a person to call is to her. */
export const contactRelationships = ['familiare', 'amica', 'vicina', 'collega', 'operatrice', 'altro'] as const;
/** The emergency bag: each item ready or not. */
export const bagItems = ['documenti', 'denaro', 'chiavi', 'farmaci', 'telefono_caricatore', 'documenti_figli', 'oggetti_figli', 'altro'] as const;
/** The children's school was told (who may collect them, what to do): yes, no, or no school-age children. */
export const schoolInformedAnswers = ['si', 'no', 'non_applicabile'] as const;
/** Technology safety: each check done or not. */
export const technologyChecks = ['telefono_controllato', 'password_cambiate', 'posizione_disattivata'] as const;
/** Shown on every plan, never stored or editable: the emergency number and the national helpline. */
export const emergencyNumbers = ['112', '1522'] as const;

export type BagItem = (typeof bagItems)[number];
export type TechnologyCheck = (typeof technologyChecks)[number];

/** Limits of one plan (list sizes and text lengths), checked at the edge with their codes. */
export const SAFETY_PLAN_LIMITS = { safePlaces: 10, contacts: 10, extraNumbers: 5, description: 500, name: 120, numberLabel: 80, codeWord: 60, notes: 4000 } as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const checklist = <K extends string>(codes: readonly K[]) =>
  z.object(Object.fromEntries(codes.map((c) => [c, z.boolean().default(false)])) as Record<K, z.ZodDefault<z.ZodBoolean>>).strict();

const L = SAFETY_PLAN_LIMITS;
export const safePlace = z.object({ kind: z.enum(safePlaceKinds), description: text(L.description).nullable().default(null) }).strict();
export const callContact = z.object({ name: text(L.name), phone, relationship: z.enum(contactRelationships) }).strict();
export const extraNumber = z.object({ label: text(L.numberLabel), number: phone }).strict();

const fields = z
  .object({
    safePlaces: z.array(safePlace).max(L.safePlaces).default([]),
    contacts: z.array(callContact).max(L.contacts).default([]),
    extraNumbers: z.array(extraNumber).max(L.extraNumbers).default([]),
    bag: checklist(bagItems).default(Object.fromEntries(bagItems.map((c) => [c, false])) as Record<BagItem, false>),
    schoolInformed: z.enum(schoolInformedAnswers).nullable().default(null),
    schoolInformedOn: isoDate.nullable().default(null),
    codeWord: text(L.codeWord).nullable().default(null),
    escapeNotes: text(L.notes).nullable().default(null),
    technology: checklist(technologyChecks).default(Object.fromEntries(technologyChecks.map((c) => [c, false])) as Record<TechnologyCheck, false>),
    agreedOn: isoDate.nullable().default(null),
    /** The member of the case team she agreed it with (checked on the server: on the team). */
    agreedWithUserId: z.uuid().nullable().default(null),
    nextReviewOn: isoDate.nullable().default(null),
  })
  .strict();

/**
 * The checks across fields, shared by the API and the form: the school's
 * date only when it was informed; the next review after the agreement.
 */
export const safetyPlanChecks = <S extends z.ZodType<{ schoolInformed?: string | null | undefined; schoolInformedOn?: string | null | undefined; agreedOn?: string | null | undefined; nextReviewOn?: string | null | undefined }>>(
  schema: S,
) =>
  schema
    .refine((p) => !p.schoolInformedOn || p.schoolInformed === 'si', { message: 'not_allowed', path: ['schoolInformedOn'] })
    .refine((p) => !p.nextReviewOn || !p.agreedOn || p.nextReviewOn > p.agreedOn, { message: 'review_after_agreed', path: ['nextReviewOn'] });

export const safetyPlanFieldsBase = fields;
/** PUT body: the whole plan (If-Match: the version read, `"0"` when there is none yet). */
export const safetyPlanFields = safetyPlanChecks(fields);
export type SafetyPlanFields = z.infer<typeof safetyPlanFields>;

/** GET query: an earlier version of the plan (default: the current one). */
export const safetyPlanQuery = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict();

const named = z.object({ id: z.uuid(), name: z.string() });
export const safetyPlanOut = z.object({
  /** Always shown, whatever the plan says. */
  emergencyNumbers: z.array(z.enum(emergencyNumbers)),
  /** The current version (0: no plan yet); the ETag to send back. */
  version: z.number().int(),
  /** The version asked for (the current one unless `?version=`), null when there is none. */
  plan: fields
    .omit({ agreedWithUserId: true })
    .extend({ version: z.number().int(), agreedWith: named.nullable(), savedAt: z.date(), savedBy: z.string().nullable() })
    .nullable(),
  /** Every version, newest first: who saved it and when, never its content. */
  history: z.array(z.object({ version: z.number().int(), savedAt: z.date(), savedBy: z.string().nullable(), agreedOn: z.string().nullable() })),
});
export type SafetyPlanOut = z.output<typeof safetyPlanOut>;
/** The saved version, and how many open `piano_sicurezza` actions of the plan the agreement marked done. */
export const safetyPlanSaved = z.object({ version: z.number().int(), actionsDone: z.number().int() });
