import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { caseWithCpi, createAutonomyWorld, signIn } from './autonomy-projects.world.js';

/** One case's referrals, filtered by the server (`caseId`): the case's autonomy page asks for them (docs/autonomy.md, "Intake"). */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('GET /api/autonomy/intakes?caseId', () => {
  it("answers one case's referrals in either box, and refuses an id that is not a uuid", async () => {
    const w = await createAutonomyWorld(t);
    const a = await signIn(t, w);
    const first = await caseWithCpi(w, a);
    const second = await caseWithCpi(w, a);
    const ids: Record<string, string> = {};
    for (const caseId of [first, second]) {
      const sent = await a.op.request('POST', '/api/autonomy/intakes', { programmeId: w.programmeId, equipeId: w.equipeId, caseId });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      ids[caseId] = sent.body.id;
    }
    const list = async (agent: typeof a.op, query: string) => {
      const res = await agent.request('GET', `/api/autonomy/intakes?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id).sort();
    };
    expect(await list(a.op, 'box=sent')).toEqual([ids[first], ids[second]].sort());
    expect(await list(a.op, `box=sent&caseId=${first}`)).toEqual([ids[first]]);
    expect(await list(a.equipe, `box=inbox&caseId=${second}`)).toEqual([ids[second]]);
    // With the state too; a case she does not hold answers nothing, like the unfiltered box.
    expect(await list(a.op, `box=sent&caseId=${first}&state=ammessa`)).toEqual([]);
    expect(await list(a.foreign, `box=sent&caseId=${first}`)).toEqual([]);
    expect(await list(a.foreign, `box=inbox&caseId=${first}`)).toEqual([]);
    const bad = await a.op.request('GET', '/api/autonomy/intakes?box=sent&caseId=not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/querystring/caseId' });
  });
});
