import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeTransitions } from '../../src/shared/autonomy.js';
import { lia2Frame, lia2Programme } from '../../src/shared/autonomy.frames.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectOk, match, ok } from '../support/http.js';
import { type Agent, type World, createWorld, login } from '../support/world.js';

/**
 * A programme's state moves only where `programmeTransitions` lets it
 * (docs/autonomy.md, "Programmes"): a draft starts or is closed, a running
 * programme is closed, a closed one reopens; never back to a draft. Any
 * other change is 409 `autonomy_programme_state`, pointing at the state.
 */

let t: TestApp;
let w: World;
let coordinator: Agent;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  coordinator = await login(t, w.users.coordinator);
});
afterAll(() => t.close());

const created = expectOk(201);
async function programme() {
  return created(await coordinator.request('POST', '/api/autonomy/programmes', { ...lia2Programme, networkId: w.network, totalCents: 1_000_000, frame: structuredClone(lia2Frame) })) as { id: string; version: number };
}
const patch = (id: string, version: number, body: Record<string, unknown>) => coordinator.request('PATCH', `/api/autonomy/programmes/${id}`, body, match(version));

describe('programme state', () => {
  it('moves along the allowed transitions and refuses the others with 409, nothing changed', async () => {
    const p = await programme();
    // Keeping the state is no change: allowed (a form sends it unchanged).
    let v = ok(await patch(p.id, p.version, { state: 'bozza', name: 'Programma L.I.A.' })).version as number;
    v = ok(await patch(p.id, v, { state: 'attivo' })).version;
    const back = await patch(p.id, v, { state: 'bozza', name: 'Non salvato' });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ code: 'autonomy_programme_state', errors: [{ pointer: '/body/state', code: 'not_allowed', params: { from: 'attivo' } }] });
    // Refused whole: the name with it.
    const now = ok(await coordinator.request('GET', `/api/autonomy/programmes/${p.id}`));
    expect([now.state, now.name, now.version]).toEqual(['attivo', 'Programma L.I.A.', v]);
    v = ok(await patch(p.id, v, { state: 'chiuso' })).version;
    expect((await patch(p.id, v, { state: 'bozza' })).body.code).toBe('autonomy_programme_state');
    // Reopened to correct its reporting.
    const reopened = ok(await patch(p.id, v, { state: 'attivo' }));
    expect(reopened.state).toBe('attivo');
  });

  it('closes a draft that never ran; a closed draft reopens only as active', async () => {
    const p = await programme();
    const closed = ok(await patch(p.id, p.version, { state: 'chiuso' }));
    expect(closed.state).toBe('chiuso');
    expect((await patch(p.id, closed.version, { state: 'bozza' })).status).toBe(409);
  });

  it('the table of transitions never leads back to a draft', () => {
    for (const [from, to] of Object.entries(programmeTransitions)) {
      expect(to).not.toContain(from);
      expect(to).not.toContain('bozza');
    }
  });
});
