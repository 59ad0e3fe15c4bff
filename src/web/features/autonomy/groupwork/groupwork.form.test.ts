// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { activityCreate, participantCreate, sessionCreate } from '../../../../shared/autonomy.actions.api';
import { activityForm, emptyActivity, emptySession, participantForm, sessionForm } from './groupwork.form';

const CASE = '00000000-0000-4000-8000-000000000001';
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.path.join('.')));

describe('the group work forms', () => {
  it('send what the API takes, for each kind of activity', () => {
    for (const values of [
      { kind: 'laboratorio_empowerment', title: ' Laboratorio ' },
      { kind: 'incontro_formativo_operatori', title: 'Formazione', heldOn: '' },
      { kind: 'incontro_formativo_operatori', title: 'Formazione', heldOn: '2026-03-01' },
      { kind: 'accordo', title: 'Accordo casa', counterpart: 'ALER', agreementKind: 'abitare', signedOn: '2026-02-01' },
    ]) {
      const out = activityForm.parse(values);
      expect(activityCreate.parse(out)).toEqual(out);
    }
    expect(activityForm.parse({ kind: 'incontro_formativo_operatori', title: 'F', heldOn: '' })).toEqual({ kind: 'incontro_formativo_operatori', title: 'F' });
  });

  it('name the empty required fields', () => {
    expect(paths(activityForm.safeParse(emptyActivity))).toEqual(['title']);
    expect(paths(activityForm.safeParse({ kind: 'accordo', title: 'A', counterpart: '', agreementKind: '', signedOn: '' })).sort()).toEqual(['agreementKind', 'counterpart', 'signedOn']);
    expect(paths(sessionForm.safeParse(emptySession)).sort()).toEqual(['facilitators', 'heldOn']);
    expect(paths(participantForm.safeParse({ caseId: '' }))).toEqual(['caseId']);
  });

  it('read the facilitators one per line', () => {
    const out = sessionForm.parse({ heldOn: '2026-03-10', facilitators: ' Anna Rossi \n\nCAV Filo Rosso\n' });
    expect(out).toEqual({ heldOn: '2026-03-10', facilitators: ['Anna Rossi', 'CAV Filo Rosso'] });
    expect(sessionCreate.parse(out)).toEqual(out);
    expect(participantCreate.parse(participantForm.parse({ caseId: CASE }))).toEqual({ caseId: CASE });
  });
});
