import { z } from 'zod';
import { accessibilityFeatures, directoryServices, visibilities } from '../../../shared/directory.js';
import { email, istatCode, languageCode, phone } from '../../../shared/fields.js';
import { checkHours } from './hours.js';

/**
 * Input shapes of the directory, shared by the API and the import file so
 * both accept exactly the same data.
 */

export { email, istatCode, languageCode, phone };

/** 1522 itself and the emergency and public-utility short numbers: never a line 1522 transfers a call to. */
const EMERGENCY_NUMBERS = new Set(['1522', '112', '113', '114', '115', '117', '118', '1515', '1530', '116000']);
/** The digits of a number, the Italian prefix (+39, 0039) left out. */
const digitsOf = (value: string) => value.replace(/[^0-9+]/g, '').replace(/^(\+|00)39(?=\d{3})/, '');
/** The reserved number 1522 transfers calls to: a phone number, and not 1522 or an emergency number. */
export const transferPhone = z
  .string()
  .trim()
  .refine((value) => !EMERGENCY_NUMBERS.has(digitsOf(value)), { message: 'transfer_emergency_number', abort: true })
  .regex(/^\+?[0-9][0-9 ./-]{3,19}$/, 'phone_number');

/** An `opening_hours` expression that parses (the parser's message is not echoed: it quotes the input). */
export const hoursExpression = z
  .string()
  .trim()
  .min(2)
  .max(500)
  .superRefine((value, ctx) => {
    if (!checkHours(value).ok) ctx.addIssue({ code: 'custom', message: 'opening_hours', params: { reason: 'opening_hours' } });
  });

const isoDate = z.iso.date();
const validMonthDay = (m: number, d: number) => d <= new Date(Date.UTC(2024, m, 0)).getUTCDate();

export const closure = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('annual'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), label: z.string().trim().min(1).max(100) })
    .refine((c) => validMonthDay(c.month, c.day), { message: 'no_such_day', path: ['day'] }),
  z
    .object({ kind: z.literal('once'), from: isoDate, to: isoDate, label: z.string().trim().min(1).max(100) })
    .refine((c) => c.from <= c.to, { message: 'from_after_to', path: ['to'] }),
]);

const latitude = z.number().min(35).max(48);
const longitude = z.number().min(6).max(19);

/** A sportello's fields (organisation and identity excluded). */
export const sportelloFields = z.object({
  name: z.string().trim().min(2).max(200),
  visibility: z.enum(visibilities).default('public'),
  address: z.string().trim().min(2).max(300).nullable().default(null),
  comuneCode: istatCode,
  lat: latitude.nullable().default(null),
  lon: longitude.nullable().default(null),
  phones: z.array(phone).max(5).default([]),
  email: email.nullable().default(null),
  transferPhone: transferPhone.nullable().default(null),
  openingHours: hoursExpression.nullable().default(null),
  phoneHours: hoursExpression.nullable().default(null),
  h24: z.boolean().default(false),
  closures: z.array(closure).max(50).default([]),
  languages: z.array(languageCode).max(20).default([]),
  services: z.array(z.enum(directoryServices)).max(directoryServices.length).default([]),
  accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).default([]),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type SportelloFields = z.infer<typeof sportelloFields>;

/** Coordinates come in pairs. */
export const bothOrNoCoordinates = (s: { lat?: number | null; lon?: number | null }) => (s.lat == null) === (s.lon == null);
