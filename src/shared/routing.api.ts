import { z } from 'zod';
import { callOutcomes, publicLanguages } from './directory.js';
import { istatCode, languageCode } from './fields.js';
import { weeklySchedule } from './schedule.js';

/**
 * The 1522 routing API (lookups, call records, quarterly counts), shared
 * by the server (validation, serializer whitelist, OpenAPI) and the web
 * (its types, and the helpline screen's form rules).
 */

/** An instant with its offset (or Z), in a sensible range: "2026-11-23T10:00:00+01:00". */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() < 2100, { message: 'out_of_range' });

export const namedRef = z.object({ id: z.uuid(), name: z.string() });
export const comuneRef = z.object({ istatCode: z.string(), name: z.string() });
export const comuneWithProvince = comuneRef.extend({ provinceSigla: z.string() });
/** A comune outside every network: the nearest one (the same shape in the public answer). */
export const nearestNetwork = namedRef.extend({ distanceKm: z.number() });

export const transferQuery = z.object({
  comune: istatCode,
  at: instant.optional(),
  lang: z.enum(publicLanguages).optional(),
  /** `all`: the message in every public language, so a screen switches the caller's language without a new (audited) lookup. */
  messages: z.enum(['all']).optional(),
});

/** A sportello's public contacts and hours, as both the 1522 and the public answers give them. */
export const sportelloContacts = {
  phones: z.array(z.string()),
  email: z.string().nullable(),
  openingHours: z.string().nullable(),
  phoneHours: z.string().nullable(),
  h24: z.boolean(),
};

/** The referent sportello; a reserved one comes without contacts (its numbers are for the transfer only). */
const transferReferent = z.object({
  id: z.uuid(),
  name: z.string(),
  visibility: z.enum(['public', 'reserved']),
  organisation: namedRef,
  comune: comuneRef,
  address: z.string().nullable(),
  ...sportelloContacts,
  /** The hours above as a week (null: none, or not a regular week), for the screens to put in words next to the expression. */
  openingSchedule: weeklySchedule.nullable(),
  phoneSchedule: weeklySchedule.nullable(),
  /** From the caller's comune, in km. */
  distanceKm: z.number(),
  phoneOpenNow: z.boolean(),
  openNow: z.boolean(),
  closesAt: z.date().nullable(),
  /** Only with action "transfer": the reserved number to transfer the call to. */
  transferPhone: z.string().nullable(),
});

export const transferAnswerOut = z.object({
  comune: comuneWithProvince,
  at: z.date(),
  action: z.enum(['transfer', 'inform']),
  emergency: z.literal('112'),
  helpline: z.literal('1522'),
  /** The network covering the comune; null when none does. */
  network: namedRef.nullable(),
  nearestNetwork: nearestNetwork.nullable(),
  referent: transferReferent.nullable(),
  /** With action "transfer" while the referent is closed: the network's line answering round the clock, and its transfer number. */
  h24Line: namedRef.extend({ organisation: namedRef, transferPhone: z.string() }).nullable(),
  /** When the referent's phone line opens next (not its in-person opening). */
  nextOpening: z.object({ at: z.date(), sportello: namedRef, kind: z.literal('phone') }).nullable(),
  message: z.array(z.object({ lang: z.enum(publicLanguages), text: z.string() })),
});

/** A handled call is recorded a few minutes late at most; a later instant is a mistake. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A handled call: time, comune, outcome, language — never personal data.
 * The language is any ISO 639 code (the helpline's own software may send
 * others than the screen's list; `und` when undetermined).
 */
export const callCreate = z
  .object({
    at: instant.refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, { message: 'in_future' }).optional(),
    comune: istatCode,
    outcome: z.enum(callOutcomes),
    language: languageCode,
    sportelloId: z.uuid().optional(),
  })
  .strict();

export const callCreated = z.object({ id: z.number() });

/** A call record is withdrawn by its own operator within this time (a wrong button); then 409 `call_withdraw_expired`. */
export const CALL_WITHDRAW_MS = 60_000;
export const callParams = z.object({ id: z.coerce.number().int().positive() });

export const callsQuarterQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((q) => q as 1 | 2 | 3 | 4),
  network: z.uuid().optional(),
});

export const callsExportQuery = callsQuarterQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** A count, or null when it is a small cell the server suppressed. */
const shown = z.number().nullable();

export const callSummaryOut = z.object({
  period: z.object({ year: z.number(), quarter: z.number(), from: z.date(), to: z.date() }),
  /** Counts from 1 to threshold - 1 are null. */
  threshold: z.number(),
  networks: z.array(
    z.object({
      network: namedRef.nullable(),
      total: shown,
      outcomes: z.object(Object.fromEntries(callOutcomes.map((o) => [o, shown])) as Record<(typeof callOutcomes)[number], typeof shown>),
      comuni: z.array(comuneRef.extend({ total: shown })),
    }),
  ),
});

/** API tokens of the helpline's own software (never their values but once, at creation). */
export const routingTokenList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }),
      organisation: namedRef,
      /** The actions the token may call today: those open to tokens for its account's role there (none once revoked or expired). */
      scopes: z.array(z.string()),
      createdAt: z.date(),
      lastUsedAt: z.date().nullable(),
      expiresAt: z.date(),
      revokedAt: z.date().nullable(),
    }),
  ),
});

/** How long a new token may last, in days (the web offers a few of them; a year at most). */
export const tokenLifetimes = [30, 90, 180, 365] as const;

export const routingTokenCreate = z
  .object({
    userId: z.uuid(),
    organisationId: z.uuid(),
    name: z.string().trim().min(2).max(100),
    validForDays: z.int().min(1).max(365),
  })
  .strict();

/** The accounts a token may act as: helpline operators, each in one organisation, not disabled. */
export const routingTokenAccounts = z.object({
  items: z.array(z.object({ user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }), organisation: namedRef })),
});

export const routingTokenCreated = z.object({ id: z.uuid(), token: z.string() });
