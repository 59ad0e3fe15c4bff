import { z } from 'zod';
import { helplineLanguages, publicLanguages } from './directory.js';
import { comuneOut } from './directory.api.js';
import { organisationTypes } from './domain.js';
import { istatCode } from './fields.js';
import { comuneRef, comuneWithProvince, instant, nearestNetwork, namedRef, sportelloContacts } from './routing.api.js';
import { searchKey } from './text.js';

/**
 * The public "Trova aiuto" API and page query, and the comune search
 * (the public autocomplete; the staff search answers the same), shared by
 * the server and the web.
 */

/** What she types to find her comune: two letters at least, accents ignored. */
const comuneSearchText = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .refine((v) => searchKey(v).length >= 2, { message: 'min_letters' });

export const comuneSearchQuery = z.object({ q: comuneSearchText, limit: z.coerce.number().int().min(1).max(10).default(10) });

/** The comuni suggested, as the staff search answers them (directory's `comuneOut`). */
export const comuneMatches = z.array(comuneOut);

/** The API's query; the page (`/aiuto?comune=…&at=…` or `?q=…`) checks the same fields one by one, so a bad value still gets the page. */
export const helpQuery = z.object({ comune: istatCode, at: instant.optional(), lang: z.enum(publicLanguages).default('it') });

/** A public point of access: only public directory data. */
const place = z.object({
  name: z.string(),
  organisation: z.object({ name: z.string(), type: z.enum(organisationTypes) }),
  address: z.string().nullable(),
  comune: comuneRef,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  distanceKm: z.number(),
  ...sportelloContacts,
  openNow: z.boolean(),
  closesAt: z.date().nullable(),
  nextOpening: z.date().nullable(),
  phoneOpenNow: z.boolean(),
  languages: z.array(z.string()),
  services: z.array(z.string()),
  accessibility: z.array(z.string()),
});

export const helpAnswerOut = z.object({
  comune: comuneWithProvince,
  at: z.date(),
  lang: z.enum(publicLanguages),
  helpline: z.object({
    number: z.literal('1522'),
    free: z.literal(true),
    h24: z.literal(true),
    anonymous: z.literal(true),
    languages: z.array(z.enum(helplineLanguages)),
    chat: z.string(),
    text: z.string(),
  }),
  emergency: z.object({ number: z.literal('112'), text: z.string() }),
  network: namedRef.nullable(),
  nearestNetwork: nearestNetwork.nullable(),
  referent: place.nullable(),
  nextOpening: z.object({ at: z.date(), sportello: z.object({ name: z.string() }), kind: z.literal('in_person') }).nullable(),
  sportelli: z.array(place),
});
