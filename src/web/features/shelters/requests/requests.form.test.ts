// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { emptyRequest, requestForm } from './requests.form';

describe('the request form', () => {
  it('sends what the API takes: numbers, children, language codes, assessed criteria only, the comune as its code', () => {
    const r = requestForm.safeParse({
      ...emptyRequest(),
      urgency: 'emergenza',
      adults: '1',
      children: [{ age: '7', sex: 'M' }],
      languages: 'ar, fr',
      avoidComune: { text: 'Bergamo (BG)', code: '016024' },
      minDistanceKm: '50',
      criteria: { ...emptyRequest().criteria, pericolosita: 'alto' },
    });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      urgency: 'emergenza',
      level: null,
      adults: 1,
      children: [{ age: 7, sex: 'M' }],
      wheelchair: false,
      pets: false,
      languages: ['ar', 'fr'],
      avoidComune: '016024',
      minDistanceKm: 50,
      criteria: { pericolosita: 'alto' },
    });
  });

  it('refuses what the API refuses, on the field: no urgency, five adults, a child of 30, a name that is no chosen comune', () => {
    const r = requestForm.safeParse({ ...emptyRequest(), adults: '5', children: [{ age: '30', sex: 'F' }], avoidComune: { text: 'Bergamo', code: '' } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['urgency', 'adults', 'children.0.age', 'avoidComune']));
  });
});
