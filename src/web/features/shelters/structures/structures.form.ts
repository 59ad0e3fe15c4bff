import { z } from 'zod';
import { structureAddress, structureCreate, type StructureCreate, type StructureUpdate } from '../../../../shared/shelters.structures.api';
import { blank } from '../../../ui/form';
import { comuneField, noComune, type ComuneValue } from '../../cases/cases.form';
import type { Structure } from './structures.api';

/**
 * The structure form (create and edit), checked with the API's schema
 * (src/shared/shelters.structures.api.ts): the fields hold text, the
 * schema's output is the body. Fees are typed in euros and sent in cents;
 * languages as a list of codes separated by commas or spaces.
 */

const s = structureCreate.shape;
const a = structureAddress.shape;

/** '' is no value (null); anything else a number for the shared schema to check. */
const nullableNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v)) : v), schema);
/** Euros as typed ("85", "85,50") to cents; '' is none (null), or missing where a value is required. */
const euros = <T extends z.ZodType>(schema: T, empty: null | undefined) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? empty : Math.round(Number(v.trim().replace(',', '.')) * 100)) : v), schema);

export const structureForm = z
  .object({
    name: blank(s.name),
    level: blank(s.level),
    acceptsChildren: s.acceptsChildren,
    maxChildren: nullableNumber(s.maxChildren),
    boysMaxAge: nullableNumber(s.boysMaxAge),
    petsAllowed: s.petsAllowed,
    wheelchairAccessible: s.wheelchairAccessible,
    languages: z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v), s.languages),
    staffed24h: s.staffed24h,
    protectionLevel: blank(s.protectionLevel),
    dailyFeeCents: euros(s.dailyFeeCents, undefined),
    contributionCents: euros(s.contributionCents, null),
    address: z.object({
      street: blank(a.street),
      comune: comuneField.pipe(z.string({ error: 'required' })),
      postcode: blank(a.postcode),
      notes: blank(a.notes),
    }),
    networkIds: s.networkIds,
  })
  .transform(({ address: { comune, ...address }, ...v }): StructureCreate => ({ ...v, address: { ...address, comuneIstat: comune } }));

export type StructureFormValues = {
  name: string;
  level: string;
  acceptsChildren: boolean;
  maxChildren: string;
  boysMaxAge: string;
  petsAllowed: boolean;
  wheelchairAccessible: boolean;
  languages: string;
  staffed24h: boolean;
  protectionLevel: string;
  dailyFeeCents: string;
  contributionCents: string;
  address: { street: string; comune: ComuneValue; postcode: string; notes: string };
  networkIds: string[];
};

export const emptyStructure = (networkIds: string[] = []): StructureFormValues => ({
  name: '',
  level: '',
  acceptsChildren: true,
  maxChildren: '',
  boysMaxAge: '',
  petsAllowed: false,
  wheelchairAccessible: false,
  languages: 'it',
  staffed24h: false,
  protectionLevel: '',
  dailyFeeCents: '',
  contributionCents: '',
  address: { street: '', comune: noComune, postcode: '', notes: '' },
  networkIds,
});

const eurosText = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2).replace('.', ','));

/** The form's values of an existing structure (its address as its own staff see it). */
export function valuesOf(st: Structure): StructureFormValues {
  return {
    name: st.name,
    level: st.level,
    acceptsChildren: st.acceptsChildren,
    maxChildren: st.maxChildren === null ? '' : String(st.maxChildren),
    boysMaxAge: st.boysMaxAge === null ? '' : String(st.boysMaxAge),
    petsAllowed: st.petsAllowed,
    wheelchairAccessible: st.wheelchairAccessible,
    languages: st.languages.join(', '),
    staffed24h: st.staffed24h,
    protectionLevel: st.protectionLevel,
    dailyFeeCents: eurosText(st.dailyFeeCents),
    contributionCents: eurosText(st.contributionCents),
    address: {
      street: st.address.street,
      comune: { text: st.comuneName ?? st.address.comuneIstat, code: st.address.comuneIstat },
      postcode: st.address.postcode,
      notes: st.address.notes ?? '',
    },
    networkIds: st.networks.map((n) => n.id),
  };
}

const addressKey = (x: StructureCreate['address']) => JSON.stringify([x.street, x.comuneIstat, x.postcode, x.notes ?? '']);

/** Only what changed, so the edit (and its audit row) names the fields she touched. */
export function changesOf(st: Structure, body: StructureCreate): { update: StructureUpdate; networks: string[] | null } {
  const { networkIds, ...fields } = body;
  const current: Record<string, unknown> = { ...st };
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const same =
      key === 'address'
        ? addressKey(st.address) === addressKey(value as StructureCreate['address'])
        : JSON.stringify(current[key]) === JSON.stringify(value);
    if (!same) update[key] = value;
  }
  const served = st.networks.map((n) => n.id).sort();
  const networks = JSON.stringify(served) === JSON.stringify([...networkIds].sort()) ? null : networkIds;
  return { update: update as StructureUpdate, networks };
}
