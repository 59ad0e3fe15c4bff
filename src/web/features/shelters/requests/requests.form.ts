import { z } from 'zod';
import { placementRequestCreate, type PlacementRequestCreate } from '../../../../shared/shelters.requests.api';
import { placementCriteria } from '../../../../shared/shelters';
import { blank, blankNumber } from '../../../ui/form';
import { comuneField, noComune, type ComuneValue } from '../../cases/cases.form';

/**
 * The request form, checked with the API's schema
 * (src/shared/shelters.requests.api.ts): the fields hold text, the schema's
 * output is the body. Languages are typed as codes separated by commas or
 * spaces; a criterion left on "not assessed" is not sent; the comune to
 * keep her away from is chosen by name and sent as its code (the server
 * keeps only its province and a rounded centre).
 */

const s = placementRequestCreate.shape;

export const requestForm = z
  .object({
    urgency: blank(s.urgency),
    level: z.preprocess((v) => (v === '' ? null : v), s.level),
    adults: blankNumber(s.adults),
    children: z.array(z.object({ age: blankNumber(z.number().int().min(0).max(25)), sex: blank(z.enum(['F', 'M'])) })).max(12),
    wheelchair: s.wheelchair,
    pets: s.pets,
    languages: z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v), s.languages),
    avoidComune: comuneField,
    minDistanceKm: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v)) : v), s.minDistanceKm),
    criteria: z.record(z.string(), z.string()),
    note: blank(s.note),
  })
  .transform((v, ctx): PlacementRequestCreate => {
    const criteria = Object.fromEntries(Object.entries(v.criteria).filter(([k, level]) => (placementCriteria as readonly string[]).includes(k) && level !== ''));
    const body = placementRequestCreate.safeParse({ ...v, criteria });
    if (!body.success) {
      for (const issue of body.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return body.data;
  });

export type RequestFormValues = {
  urgency: string;
  level: string;
  adults: string;
  children: { age: string; sex: string }[];
  wheelchair: boolean;
  pets: boolean;
  languages: string;
  avoidComune: ComuneValue;
  minDistanceKm: string;
  criteria: Record<string, string>;
  note: string;
};

export const emptyRequest = (): RequestFormValues => ({
  urgency: '',
  level: '',
  adults: '1',
  children: [],
  wheelchair: false,
  pets: false,
  languages: '',
  avoidComune: noComune,
  minDistanceKm: '',
  criteria: Object.fromEntries(placementCriteria.map((c) => [c, ''])),
  note: '',
});
