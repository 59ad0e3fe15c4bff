// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { actionCreate, actionPatch } from '../../../../shared/autonomy.actions.api';
import { allActionKinds } from '../../../../shared/autonomy';
import { actionForm, createBody, emptyAction, emptyDetails, formValuesOf, patchBody, type Action, type ActionFormValues } from './actions.form';

const values = (over: Partial<ActionFormValues> & { details: ActionFormValues['details'] }): ActionFormValues => ({ ...emptyAction(), ...over });
/** Each issue as the form names it (src/web/ui/form.ts): nothing given is `required`, a refinement's message is its code. */
const issues = (v: ActionFormValues) => {
  const r = actionForm.safeParse(v, { reportInput: true });
  const code = (i: { code: string; message: string; input?: unknown }) => (i.code === 'custom' ? i.message : i.input === undefined ? 'required' : i.code);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${code(i)}`);
};

describe('the action form', () => {
  it('asks for the kind first', () => {
    expect(issues(emptyAction())).toEqual(['details.kind required']);
  });

  it('has empty fields for every kind, booleans unticked', () => {
    for (const kind of allActionKinds) expect(emptyDetails(kind).kind).toBe(kind);
    expect(emptyDetails('colloquio_cpi')).toEqual({ kind: 'colloquio_cpi', did: false, didOn: '', sap: false, sapOn: '', pattoServizio: false, pattoOn: '' });
    expect(emptyDetails('contratto')).toEqual({ kind: 'contratto', address: '', monthlyRentCents: '', landlord: '' });
  });

  it('reads euros as integer cents and numbers as typed, and sends what the API takes', () => {
    const out = actionForm.parse(
      values({
        startsOn: '2026-03-01',
        costCents: '1.234,50',
        details: { ...emptyDetails('tirocinio'), host: ' Officina Srl ', hoursPerWeek: '20', monthlyAllowanceCents: '500', paidBy: 'programma' },
      }),
    );
    const body = createBody(out);
    expect(body).toEqual({
      status: 'prevista',
      startsOn: '2026-03-01',
      costCents: 123_450,
      details: { kind: 'tirocinio', host: 'Officina Srl', hoursPerWeek: 20, monthlyAllowanceCents: 50_000, paidBy: 'programma' },
    });
    expect(actionCreate.parse(body)).toEqual(body);
  });

  it('leaves optional details out when empty, and drops fields of another kind', () => {
    const out = actionForm.parse(values({ details: { ...emptyDetails('contratto'), address: 'Via Roma 1, Cremona', host: 'left from a tirocinio' } }));
    expect(createBody(out)).toEqual({ status: 'prevista', details: { kind: 'contratto', address: 'Via Roma 1, Cremona' } });
    const formazione = actionForm.parse(values({ details: { ...emptyDetails('formazione'), provider: 'Ente', hours: '120' } }));
    expect(actionCreate.parse(createBody(formazione)).details).toEqual({ kind: 'formazione', provider: 'Ente', hours: 120 });
  });

  it('names each field in error with the shared codes', () => {
    expect(issues(values({ details: { ...emptyDetails('tirocinio'), hoursPerWeek: '61', monthlyAllowanceCents: '12,3,4' } }))).toEqual(
      expect.arrayContaining(['details.host required', 'details.hoursPerWeek too_big', 'details.monthlyAllowanceCents invalid_format', 'details.paidBy required']),
    );
    expect(issues(values({ costCents: 'dieci', details: { ...emptyDetails('deposito'), amountCents: '' } }))).toEqual(['costCents invalid_format', 'details.amountCents required']);
    expect(issues(values({ startsOn: '2026-05-02', endsOn: '2026-05-01', details: emptyDetails('ricerca_casa') }))).toEqual(['endsOn from_after_to']);
  });

  it('turns a recorded action into fields and back into a PATCH that clears what was emptied', () => {
    const action: Action = {
      id: '00000000-0000-4000-8000-000000000001',
      family: 'abitare',
      kind: 'contratto',
      status: 'in_corso',
      outcome: 'in_attesa',
      startsOn: '2026-01-10',
      endsOn: null,
      costCents: 150_005,
      details: { kind: 'contratto', address: 'Via Roma 1', monthlyRentCents: 45_000 },
      version: 3,
      updatedAt: '2026-01-10T10:00:00.000Z',
    };
    const fields = formValuesOf(action, 'it');
    expect(fields).toEqual({
      status: 'in_corso',
      outcome: 'in_attesa',
      startsOn: '2026-01-10',
      endsOn: '',
      costCents: '1500,05',
      details: { kind: 'contratto', address: 'Via Roma 1', monthlyRentCents: '450,00', landlord: '' },
    });
    const body = patchBody(actionForm.parse({ ...fields, status: 'conclusa', outcome: '', costCents: '' }));
    expect(body).toEqual({
      status: 'conclusa',
      outcome: null,
      startsOn: '2026-01-10',
      endsOn: null,
      costCents: null,
      details: { kind: 'contratto', address: 'Via Roma 1', monthlyRentCents: 45_000 },
    });
    expect(actionPatch.parse(body)).toEqual(body);
  });
});
