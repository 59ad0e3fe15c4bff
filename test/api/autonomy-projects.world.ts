import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { MembershipRole, OrganisationType } from '../../src/shared/domain.js';
import { type ProgrammeFrame, programmeFrame } from '../../src/shared/autonomy.api.js';
import {
  autonomyBudgets,
  autonomyEquipeMembers,
  autonomyEquipes,
  autonomyPartners,
  autonomyProgrammes,
} from '../../src/server/modules/autonomy/index.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import type { TestApp } from '../support/app.js';
import { day, match } from '../support/http.js';
import { type Agent, createUser, createWorld, login } from '../support/world.js';

/**
 * A small programme of its own (the L.I.A. frame belongs to the programmes'
 * part): two areas, axis I required, a €3,000 cap on axes II and III
 * together, a €1,500 cap on axis IV.
 */
export const FRAME: ProgrammeFrame = programmeFrame.parse({
  areas: [
    { code: 'lavoro', name: 'Inserimento lavorativo', axes: ['I', 'II', 'III'] },
    { code: 'abitare', name: 'Autonomia abitativa', axes: ['I', 'IV'] },
  ],
  axes: [
    { code: 'I', name: 'Sensibilizzazione e rete', required: true },
    { code: 'II', name: 'Inclusione attiva e lavoro' },
    { code: 'III', name: 'Conciliazione' },
    { code: 'IV', name: 'Abitare' },
  ],
  categories: [
    { code: 'rete', axis: 'I', name: 'Rete' },
    { code: 'tirocinio', axis: 'II', name: 'Tirocinio: indennità' },
    { code: 'formazione', axis: 'II', name: 'Formazione' },
    { code: 'trasporto', axis: 'III', name: 'Trasporto' },
    { code: 'deposito', axis: 'IV', name: 'Deposito cauzionale' },
    { code: 'canone', axis: 'IV', name: 'Mensilità di canone' },
  ],
  caps: [
    { code: 'autonomia', name: 'Budget di autonomia', axes: ['II', 'III'], amountCents: 300_000 },
    { code: 'abitare', name: 'Tetto abitare', axes: ['IV'], amountCents: 150_000 },
  ],
});

/**
 * The world: createWorld's capofila (running the programme; its head
 * approves), CAV A (the case's owner, a partner), an équipe of CAV B and a
 * social service (CAV B's operator acts for it), a CPI joining the case's
 * team with work and housing only, and a foreign CAV.
 */
export async function createAutonomyWorld(t: TestApp, shares: { axis: string; org: 'cavA' | 'capofila'; cents: number }[] = []) {
  const w = await createWorld(t);
  const org = (type: OrganisationType) => insertOrganisation(t.db, { name: `${type}-${randomBytes(4).toString('hex')}`, type });
  const social = await org('servizio_sociale');
  const cpi = await org('cpi');
  const foreign = await org('cav');
  const member = (organisationId: string, role: MembershipRole) => ({ memberships: [{ organisationId, role }] });
  const users = {
    ...w.users,
    capofilaHead: await createUser(t, member(w.orgs.capofila, 'organisation_head')),
    capofilaOperator: await createUser(t, member(w.orgs.capofila, 'operator')),
    socialWorker: await createUser(t, member(social, 'social_worker')),
    cpiOperator: await createUser(t, member(cpi, 'operator')),
    foreignHead: await createUser(t, member(foreign, 'organisation_head')),
  };
  const [programme] = await t.db
    .insert(autonomyProgrammes)
    .values({
      networkId: w.network,
      capofilaOrganisationId: w.orgs.capofila,
      name: `Programma ${randomBytes(3).toString('hex')}`,
      acronym: 'PRG',
      startsOn: day(-365),
      endsOn: day(365),
      totalCents: 10_000_000,
      frame: FRAME,
      state: 'attivo',
    })
    .returning();
  await t.db.insert(autonomyPartners).values([
    { programmeId: programme!.id, organisationId: w.orgs.capofila, role: 'capofila' },
    { programmeId: programme!.id, organisationId: w.orgs.cavA, role: 'partner' },
  ]);
  const budgetRows = shares.length
    ? shares
    : [
        { axis: 'II', org: 'cavA' as const, cents: 5_000_000 },
        { axis: 'III', org: 'cavA' as const, cents: 5_000_000 },
        { axis: 'IV', org: 'cavA' as const, cents: 5_000_000 },
      ];
  await t.db.insert(autonomyBudgets).values(budgetRows.map((b) => ({ programmeId: programme!.id, axisCode: b.axis, organisationId: w.orgs[b.org], amountCents: b.cents })));
  const [equipe] = await t.db.insert(autonomyEquipes).values({ programmeId: programme!.id, name: `Ambito ${randomBytes(3).toString('hex')}` }).returning();
  await t.db.insert(autonomyEquipeMembers).values([
    { equipeId: equipe!.id, organisationId: w.orgs.cavB },
    { equipeId: equipe!.id, organisationId: social },
  ]);
  return { ...w, orgs: { ...w.orgs, social, cpi, foreign }, users, programmeId: programme!.id, equipeId: equipe!.id };
}
export type AutonomyWorld = Awaited<ReturnType<typeof createAutonomyWorld>>;

export interface Agents {
  op: Agent;
  head: Agent;
  equipe: Agent;
  social: Agent;
  capofila: Agent;
  capofilaOp: Agent;
  coordinator: Agent;
  cpi: Agent;
  foreign: Agent;
}

export async function signIn(t: TestApp, w: AutonomyWorld): Promise<Agents> {
  return {
    op: await login(t, w.users.operatorA),
    head: await login(t, w.users.headA),
    equipe: await login(t, w.users.operatorB),
    social: await login(t, w.users.socialWorker),
    capofila: await login(t, w.users.capofilaHead),
    capofilaOp: await login(t, w.users.capofilaOperator),
    coordinator: await login(t, w.users.coordinator),
    cpi: await login(t, w.users.cpiOperator),
    foreign: await login(t, w.users.foreignHead),
  };
}

/** Operator A's case, with the CPI on its team through a consent sharing work and housing only. */
export async function caseWithCpi(w: AutonomyWorld, a: Agents): Promise<string> {
  const created = await a.op.request('POST', '/api/cases', { contactOn: day(-30) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.id as string;
  expect((await a.op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cpi, sections: ['work_housing'], givenOn: day(0), form: 'scritto' })).status).toBe(201);
  expect((await a.head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.cpiOperator.id })).status).toBe(200);
  return caseId;
}

export const GOALS = 'Obiettivo riservato Glicine: lavoro stabile e casa';

/** A draft project on the case naming programme and équipe. */
export async function draft(w: AutonomyWorld, a: Agents, caseId: string, areas = ['lavoro', 'abitare']) {
  const res = await a.op.request('POST', '/api/autonomy/projects', { programmeId: w.programmeId, equipeId: w.equipeId, caseId, areas, goals: GOALS });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

export const move = (agent: Agent, id: string, version: number, body: Record<string, unknown>) => agent.request('POST', `/api/autonomy/projects/${id}/moves`, body, match(version));

/** A project taken to `approvata` with this planned budget. */
export async function approved(w: AutonomyWorld, a: Agents, caseId: string, items = [{ categoryCode: 'tirocinio', plannedCents: 200_000 }, { categoryCode: 'deposito', plannedCents: 100_000 }]) {
  const p = await draft(w, a, caseId);
  const b = await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items }, match(p.version));
  expect(b.status, JSON.stringify(b.body)).toBe(200);
  let v = b.body.version as number;
  for (const [agent, m] of [
    [a.op, 'proponi'],
    [a.equipe, 'valida'],
    [a.capofila, 'approva'],
  ] as const) {
    const r = await move(agent, p.id, v, { move: m });
    expect(r.status, `${m}: ${JSON.stringify(r.body)}`).toBe(200);
    v = r.body.version;
  }
  return { id: p.id, version: v };
}
