// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { safetyPlanFields } from '../../../shared/safety-plan.api';
import type { SafetyPlan } from './safetyPlan.api';
import { formValuesOf, safetyPlanForm } from './safetyPlan.form';

const USER = '00000000-0000-4000-8000-000000000001';
const codes = (r: ReturnType<typeof safetyPlanForm.safeParse>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' || i.code === 'invalid_format' ? i.message : i.code}`));

const saved: NonNullable<SafetyPlan['plan']> = {
  safePlaces: [{ kind: 'vicini', description: null }],
  contacts: [{ name: 'Marta', phone: '333 123 4567', relationship: 'familiare' }],
  extraNumbers: [],
  bag: { documenti: true, denaro: false, chiavi: false, farmaci: false, telefono_caricatore: true, documenti_figli: false, oggetti_figli: false, altro: false },
  schoolInformed: 'si',
  schoolInformedOn: '2026-11-30',
  codeWord: 'ombrello',
  escapeNotes: null,
  technology: { telefono_controllato: true, password_cambiate: false, posizione_disattivata: false },
  agreedOn: '2026-12-01',
  nextReviewOn: null,
  agreedWith: { id: USER, name: 'Operatrice' },
  version: 3,
  savedAt: '2026-12-01T10:00:00.000Z',
  savedBy: 'Operatrice',
};

describe('the safety plan form', () => {
  it('sends back a saved plan as it was: empty fields as null, what the API takes', () => {
    const parsed = safetyPlanForm.parse(formValuesOf(saved));
    const { agreedWith: _agreedWith, version: _version, savedAt: _savedAt, savedBy: _savedBy, ...fields } = saved;
    expect(parsed).toEqual({ ...fields, agreedWithUserId: USER });
    expect(safetyPlanFields.parse(parsed)).toEqual(parsed);
  });

  it('starts empty for a new plan, every checklist unticked', () => {
    const parsed = safetyPlanForm.parse(formValuesOf(null));
    expect(parsed).toMatchObject({ safePlaces: [], contacts: [], codeWord: null, agreedOn: null, schoolInformed: null });
    expect(Object.values(parsed.bag).every((v) => v === false)).toBe(true);
  });

  it('refuses a row left empty and a bad phone with the shared codes, at each field', () => {
    const values = { ...formValuesOf(null), contacts: [{ name: '', phone: '12', relationship: '' }], safePlaces: [{ kind: '', description: '' }] } as never;
    expect(codes(safetyPlanForm.safeParse(values)).sort()).toEqual(['contacts.0.name invalid_type', 'contacts.0.phone phone_number', 'contacts.0.relationship invalid_value', 'safePlaces.0.kind invalid_value'].sort());
  });

  it('checks the dates across fields as the API does', () => {
    const values = { ...formValuesOf(saved), schoolInformed: 'no', nextReviewOn: '2026-11-01' };
    expect(codes(safetyPlanForm.safeParse(values)).sort()).toEqual(['nextReviewOn review_after_agreed', 'schoolInformedOn not_allowed']);
  });
});
