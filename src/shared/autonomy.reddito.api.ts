import { z } from 'zod';
import { isoDate } from './cases.api.js';

/**
 * The Reddito di libertà (docs/autonomy.md, "Reddito di libertà"): the INPS
 * measure for a woman in a pathway out of violence — an amount per month
 * for a number of months, both set by law and kept as the instance's
 * configuration (REDDITO_LIBERTA_MONTHLY_CENTS, REDDITO_LIBERTA_MONTHS),
 * never constants. A checklist per case: the CAV's statement of her
 * pathway, the social service's statement of her need, the application
 * filed through the comune of her residence (the case's comune: nothing
 * more stored), INPS's outcome, the months paid. One live application per
 * case, the earlier ones kept as its history. Shared by the server and the
 * web (the form is derived from these schemas).
 */

/** INPS's answer: granted, refused, or granted but waiting for the funds to pay it. */
export const redditoOutcomes = ['accolta', 'respinta', 'in_attesa_fondi'] as const;
export type RedditoOutcome = (typeof redditoOutcomes)[number];

/**
 * Where an application stands, derived from what is recorded: the
 * statements being gathered, filed and waiting for INPS, then its outcome.
 */
export const redditoStates = ['in_preparazione', 'presentata', ...redditoOutcomes] as const;
export type RedditoState = (typeof redditoStates)[number];

/**
 * The step a reminder waits on (REDDITO_LIBERTA_STEP_DAYS after the last
 * progress): the CAV's statement, the social service's, the filing, INPS's
 * outcome, the funds of an application waiting for them, the next month
 * paid of a granted one.
 */
export const redditoSteps = ['dichiarazione_cav', 'dichiarazione_servizio', 'domanda', 'esito', 'fondi', 'mensilita'] as const;
export type RedditoStep = (typeof redditoSteps)[number];

/** Longest a law could grant, whatever the configuration says (the configured months are checked on the server). */
export const REDDITO_MAX_MONTHS = 36;

const fields = z
  .object({
    /** The CAV's statement of her pathway: the day it was signed and the centre that signed it. */
    cavStatementOn: isoDate.nullable().default(null),
    cavOrganisationId: z.uuid().nullable().default(null),
    /** The social service's statement of her need. */
    socialStatementOn: isoDate.nullable().default(null),
    socialOrganisationId: z.uuid().nullable().default(null),
    /** The day the application was filed through the comune of her residence. */
    filedOn: isoDate.nullable().default(null),
    outcome: z.enum(redditoOutcomes).nullable().default(null),
    outcomeOn: isoDate.nullable().default(null),
    /** Months INPS has paid so far (only once granted; at most the months granted). */
    monthsPaid: z.number().int().min(0).max(REDDITO_MAX_MONTHS).default(0),
  })
  .strict();

type Checked = {
  cavStatementOn?: string | null | undefined;
  cavOrganisationId?: string | null | undefined;
  socialStatementOn?: string | null | undefined;
  socialOrganisationId?: string | null | undefined;
  filedOn?: string | null | undefined;
  outcome?: string | null | undefined;
  outcomeOn?: string | null | undefined;
  monthsPaid?: number | undefined;
};

/**
 * The checklist's order, shared by the API and the form: each statement
 * names its organisation; the application is filed after both statements,
 * the outcome comes after the filing and carries its day; months are paid
 * only on a granted application.
 */
export const redditoChecks = <S extends z.ZodType<Checked>>(schema: S) =>
  schema
    .refine((r) => !r.cavStatementOn || !!r.cavOrganisationId, { message: 'required', path: ['cavOrganisationId'] })
    .refine((r) => !r.socialStatementOn || !!r.socialOrganisationId, { message: 'required', path: ['socialOrganisationId'] })
    .refine((r) => !r.filedOn || (!!r.cavStatementOn && !!r.socialStatementOn), { message: 'reddito_statements_first', path: ['filedOn'] })
    .refine((r) => !r.filedOn || !r.cavStatementOn || !r.socialStatementOn || (r.filedOn >= r.cavStatementOn && r.filedOn >= r.socialStatementOn), {
      message: 'reddito_step_order',
      path: ['filedOn'],
    })
    .refine((r) => !r.outcome || !!r.filedOn, { message: 'reddito_not_filed', path: ['outcome'] })
    .refine((r) => !r.outcome || !!r.outcomeOn, { message: 'required', path: ['outcomeOn'] })
    .refine((r) => !r.outcomeOn || !!r.outcome, { message: 'not_allowed', path: ['outcomeOn'] })
    .refine((r) => !r.outcomeOn || !r.filedOn || r.outcomeOn >= r.filedOn, { message: 'reddito_step_order', path: ['outcomeOn'] })
    .refine((r) => !r.monthsPaid || r.outcome === 'accolta', { message: 'not_allowed', path: ['monthsPaid'] });

export const redditoFieldsBase = fields;
/** PUT body: the whole checklist of the live application (If-Match: the version read; `"0"` opens the first). */
export const redditoFields = redditoChecks(fields);
export type RedditoFields = z.infer<typeof redditoFields>;

const named = z.object({ id: z.uuid(), name: z.string() });

/** One application as the case's team reads it. */
export const redditoApplicationOut = z.object({
  id: z.uuid(),
  /** 1 for the case's first application, 2 for the next… */
  seq: z.number().int(),
  state: z.enum(redditoStates),
  cavStatementOn: z.string().nullable(),
  cavOrganisation: named.nullable(),
  socialStatementOn: z.string().nullable(),
  socialOrganisation: named.nullable(),
  filedOn: z.string().nullable(),
  outcome: z.enum(redditoOutcomes).nullable(),
  outcomeOn: z.string().nullable(),
  monthsPaid: z.number().int(),
  /** Set when granted, from the configuration of that day (a later change of the law does not alter it); null before. */
  monthlyCents: z.number().int().nullable(),
  monthsGranted: z.number().int().nullable(),
  /** What INPS has paid so far (months paid × the monthly amount), integer cents. */
  paidCents: z.number().int(),
  openedOn: z.string(),
  updatedAt: z.date(),
});
export type RedditoApplicationOut = z.output<typeof redditoApplicationOut>;

/** The step the live application waits on, and the day it is due (null: nothing awaited). */
export const redditoDueOut = z.object({ step: z.enum(redditoSteps), dueOn: z.string() }).nullable();

export const redditoOut = z.object({
  /** The ETag to send back: the live application's version (0: none yet). */
  version: z.number().int(),
  /** The measure as configured today (a new application granted today gets these). */
  config: z.object({ monthlyCents: z.number().int(), months: z.number().int(), stepDays: z.number().int() }),
  current: redditoApplicationOut.nullable(),
  due: redditoDueOut,
  /** The earlier applications of the case, newest first. */
  history: z.array(redditoApplicationOut),
  /** A new application may be opened (none yet, or the live one has its outcome). */
  mayOpen: z.boolean(),
});
export type RedditoOut = z.output<typeof redditoOut>;

/**
 * The network coordinator's counts (small cells suppressed: null), over the
 * cases of the organisations of the networks her organisation leads:
 * applications by state, the months paid and what they amount to.
 */
export const redditoStatsOut = z.object({
  threshold: z.number().int(),
  networks: z.array(named),
  /** Live applications (each case's latest) by state. */
  byState: z.array(z.object({ state: z.enum(redditoStates), count: z.number().int().nullable() })),
  /** Every application with an outcome, live or in a case's history, by outcome. */
  outcomes: z.array(z.object({ outcome: z.enum(redditoOutcomes), count: z.number().int().nullable() })),
  total: z.number().int().nullable(),
  /** Months paid on granted applications, and what they amount to (integer cents); null below the threshold of applications. */
  monthsPaid: z.number().int().nullable(),
  paidCents: z.number().int().nullable(),
});
export type RedditoStatsOut = z.output<typeof redditoStatsOut>;
