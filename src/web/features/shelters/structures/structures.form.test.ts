// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { changesOf, emptyStructure, structureForm, valuesOf } from './structures.form';
import type { Structure } from './structures.api';

const filled = () => ({
  ...emptyStructure(['00000000-0000-4000-8000-000000000009']),
  name: 'Casa Glicine',
  level: 'casa_rifugio',
  languages: 'it, ar en',
  protectionLevel: 'alta',
  dailyFeeCents: '85,50',
  maxChildren: '3',
  address: { street: 'Via Uno 1', comune: { text: 'Bergamo (BG)', code: '016024' }, postcode: '24121', notes: ' ' },
});

describe('the structure form', () => {
  it('sends what the API takes: euros as cents, languages as codes, empty numbers as null, blank notes left out', () => {
    const r = structureForm.safeParse(filled());
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({
      dailyFeeCents: 8550,
      contributionCents: null,
      maxChildren: 3,
      boysMaxAge: null,
      languages: ['it', 'ar', 'en'],
      address: { street: 'Via Uno 1', comuneIstat: '016024', postcode: '24121' },
    });
    expect(r.data?.address.notes).toBeUndefined();
  });

  it('names what is missing or wrong with the API’s codes', () => {
    const r = structureForm.safeParse({ ...emptyStructure(), languages: 'Italiano', address: { street: '', comune: { text: 'Berg', code: '' }, postcode: '1', notes: '' } });
    const codes = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' ? i.message : i.code}`).sort();
    expect(codes).toEqual([
      'address.comune comune_not_chosen',
      'address.postcode invalid_format',
      'address.street invalid_type',
      'dailyFeeCents invalid_type',
      'languages.0 invalid_format',
      'level invalid_value',
      'name invalid_type',
      'protectionLevel invalid_value',
    ]);
  });

  it('an edit sends only the fields that changed, and the networks only when they did', () => {
    const body = structureForm.parse(filled());
    const structure = {
      ...body,
      id: 'x',
      version: 1,
      active: true,
      province: { code: '016', name: 'Bergamo' },
      comuneName: 'Bergamo',
      networks: [{ id: '00000000-0000-4000-8000-000000000009', name: 'Rete' }],
      networkOptions: [],
      counts: { libero: 0, trattenuto: 0, occupato: 0, fuori_servizio: 0 },
      units: [],
      acts: { manage: true, deactivate: true },
    } as unknown as Structure;
    expect(changesOf(structure, structureForm.parse(valuesOf(structure)))).toEqual({ update: {}, networks: null });
    const next = structureForm.parse({ ...valuesOf(structure), petsAllowed: true, networkIds: [] });
    expect(changesOf(structure, next)).toEqual({ update: { petsAllowed: true }, networks: [] });
  });
});
