import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login } from '../support/world.js';
import { day } from '../support/http.js';

/**
 * The caseload's total, counted on page 1 and kept for the pages after it
 * (caseload.page.ts): whatever was cached, page 1, a short last page and a
 * page past the end always tell the exact total, and one person's cached
 * total is never another's.
 */

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function create(op: Agent, n: number, body: Record<string, unknown> = {}) {
  for (let i = 0; i < n; i++) {
    const res = await op.request('POST', '/api/cases', { contactOn: day(-1), ...body });
    expect(res.status).toBe(201);
  }
}

async function page(op: Agent, query: string) {
  const res = await op.request('GET', `/api/cases?pageSize=2&${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: { id: string }[]; total: number };
}

describe('the caseload total across pages', () => {
  it('is exact on page 1, on a short last page and past the end, after cases were added meanwhile', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    await create(op, 5);
    expect((await page(op, 'page=1')).total).toBe(5);
    expect((await page(op, 'page=2')).total).toBe(5);
    await create(op, 2);
    // Page 4 of 7 cases by 2 holds one case: the end of the list, so the total is known exactly.
    const last = await page(op, 'page=4');
    expect(last.items).toHaveLength(1);
    expect(last.total).toBe(7);
    await create(op, 2);
    const past = await page(op, 'page=9');
    expect(past.items).toHaveLength(0);
    expect(past.total).toBe(9);
    expect((await page(op, 'page=1')).total).toBe(9);
  });

  it('is kept per list and per person: another filter or another operator counts her own', async () => {
    const w = await createWorld(t);
    const op = await login(t, w.users.operatorA);
    const colleague = await login(t, w.users.socialWorkerA);
    await create(op, 4);
    await create(op, 3, { emergency: true });
    await create(colleague, 1);
    expect((await page(op, 'page=1')).total).toBe(7);
    expect((await page(op, 'page=2&emergency=true')).total).toBe(3);
    expect((await page(op, 'page=2')).total).toBe(7);
    expect((await page(colleague, 'page=2')).total).toBe(1);
    expect((await page(colleague, 'page=1')).total).toBe(1);
  });
});
