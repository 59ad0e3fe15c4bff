import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { programmeStateMayChange } from '../../../shared/autonomy.js';
import type { ProgrammeFrame } from '../../../shared/autonomy.api.js';
import type {
  ProgrammeBudgetsIn,
  ProgrammeCreate,
  ProgrammeEquipesIn,
  ProgrammeListOut,
  ProgrammeOut,
  ProgrammePartnersIn,
  ProgrammeResultsIn,
  ProgrammeUpdate,
} from '../../../shared/autonomy.programmes.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import {
  autonomyBudgets,
  autonomyEquipeMembers,
  autonomyEquipes,
  autonomyExpenses,
  autonomyIntakes,
  autonomyPartners,
  autonomyProgrammes,
  autonomyProjectBudgets,
  autonomyProjects,
  autonomyResults,
} from './autonomy.tables.js';
import { auditListed, eventOn, networksNamed, write } from './autonomy.common.js';
import { type ProgrammeActor, type ProgrammeRow, type ProgrammeSide, ledNetworkIds, readableProgrammes, sideOf, sidePurpose } from './programmes.access.js';

/**
 * Funded programmes (docs/autonomy.md, "Programmes"): the coordinator of
 * a network creates and edits them — frame, partners, budgets per axis and
 * partner, équipes, expected results; the capofila, partners and équipe
 * members read them. Every write is one transaction holding the
 * programme's row `for update`, checks its If-Match version, bumps it and
 * writes its audit row; a programme she may not read is 404 (audited as
 * denied by the error hook), one she reads but may not manage 403.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
/** Euros with two decimals, for a field error's slot (a figure of the programme, never a person's). */
export const euros = (c: number) => (c / 100).toFixed(2);

const event = eventOn('autonomy_programme');

/** The programme, locked, when she manages it (If-Match checked); 404 when she may not read it, 403 when she reads but does not manage it. */
async function managed(tx: Tx, actor: ProgrammeActor, id: string, expected: number): Promise<ProgrammeRow> {
  const [row] = await tx.select().from(autonomyProgrammes).where(eq(autonomyProgrammes.id, id)).for('update');
  const side = row ? await sideOf(tx, actor, row) : null;
  if (!row || !side) throw resourceNotFound('autonomy_programme', id);
  if (!side.manage) throw new AppError('forbidden');
  if (row.version !== expected) throw new AppError('precondition_failed');
  return row;
}

const bump = (tx: Tx, row: ProgrammeRow, set: Partial<typeof autonomyProgrammes.$inferInsert> = {}) =>
  tx
    .update(autonomyProgrammes)
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where(eq(autonomyProgrammes.id, row.id));

/** The member organisations of a network among `ids`. */
async function membersOf(tx: DbOrTx, networkId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ id: networkMembers.organisationId })
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, networkId), inArray(networkMembers.organisationId, [...ids])));
  return new Set(rows.map((r) => r.id));
}

// --- Reads ----------------------------------------------------------------------

/** The programmes she may read, and the networks she may create one for. Audited (count only). */
export async function listProgrammes(ctx: AppContext, actor: ProgrammeActor): Promise<ProgrammeListOut> {
  const db = readHandle(ctx.database.db);
  const led = await ledNetworkIds(db, actor);
  const capofila = sql<string>`(select name from ${organisations} where id = ${autonomyProgrammes.capofilaOrganisationId})`;
  const rows = await db
    .select({ p: autonomyProgrammes, networkName: networks.name, capofilaName: capofila })
    .from(autonomyProgrammes)
    .innerJoin(networks, eq(networks.id, autonomyProgrammes.networkId))
    .where(readableProgrammes(actor, led))
    .orderBy(sql`${autonomyProgrammes.startsOn} desc`, asc(autonomyProgrammes.name));
  const ledRows = await networksNamed(db, led);
  await auditListed(ctx.database.db, actor, 'autonomy.programme.list', rows.length);
  return {
    items: rows.map(({ p, networkName, capofilaName }) => ({
      id: p.id,
      version: p.version,
      name: p.name,
      acronym: p.acronym,
      network: { id: p.networkId, name: networkName },
      capofila: { id: p.capofilaOrganisationId, name: capofilaName },
      state: p.state,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      totalCents: p.totalCents,
      manage: led.includes(p.networkId),
    })),
    networks: ledRows,
  };
}

/** The programme and her side of it, for a read; 404 (audited as denied) when she may not read it. */
export async function readable(db: DbOrTx, actor: ProgrammeActor, id: string): Promise<{ row: ProgrammeRow; side: ProgrammeSide }> {
  const [row] = await db.select().from(autonomyProgrammes).where(eq(autonomyProgrammes.id, id));
  const side = row ? await sideOf(db, actor, row) : null;
  if (!row || !side) throw resourceNotFound('autonomy_programme', id);
  return { row, side };
}

/** One programme: audited as read (her side in purpose). */
export async function getProgramme(ctx: AppContext, actor: ProgrammeActor, id: string): Promise<ProgrammeOut> {
  const db = readHandle(ctx.database.db);
  const { row, side } = await readable(db, actor, id);
  const out = await presentProgramme(db, row, side);
  await writeAuditAlone(ctx.database.db, event(actor, 'autonomy.programme.read', id, sidePurpose(side)));
  return out;
}

/** The programme after a write, for its answer (the write's own audit row records the act). */
export async function presentAfterWrite(db: DbOrTx, actor: ProgrammeActor, id: string): Promise<ProgrammeOut> {
  const { row, side } = await readable(db, actor, id);
  return presentProgramme(db, row, side);
}

export async function presentProgramme(db: DbOrTx, row: ProgrammeRow, side: ProgrammeSide): Promise<ProgrammeOut> {
  const org = { id: organisations.id, name: organisations.name, type: organisations.type };
  const [network] = await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, row.networkId));
  const [capofila] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.capofilaOrganisationId));
  const partners = await db
    .select({ ...org, role: autonomyPartners.role })
    .from(autonomyPartners)
    .innerJoin(organisations, eq(organisations.id, autonomyPartners.organisationId))
    .where(eq(autonomyPartners.programmeId, row.id))
    .orderBy(asc(autonomyPartners.role), asc(organisations.name));
  const budgets = await db
    .select({ axisCode: autonomyBudgets.axisCode, organisationId: autonomyBudgets.organisationId, amountCents: autonomyBudgets.amountCents })
    .from(autonomyBudgets)
    .where(eq(autonomyBudgets.programmeId, row.id))
    .orderBy(asc(autonomyBudgets.axisCode), asc(autonomyBudgets.organisationId));
  const equipes = await db.select().from(autonomyEquipes).where(eq(autonomyEquipes.programmeId, row.id)).orderBy(asc(autonomyEquipes.name));
  const members = equipes.length
    ? await db
        .select({ equipeId: autonomyEquipeMembers.equipeId, ...org })
        .from(autonomyEquipeMembers)
        .innerJoin(organisations, eq(organisations.id, autonomyEquipeMembers.organisationId))
        .where(
          inArray(
            autonomyEquipeMembers.equipeId,
            equipes.map((e) => e.id),
          ),
        )
        .orderBy(asc(organisations.name))
    : [];
  const results = await db.select().from(autonomyResults).where(eq(autonomyResults.programmeId, row.id)).orderBy(asc(autonomyResults.position));
  const memberOptions = side.manage
    ? await db
        .select(org)
        .from(networkMembers)
        .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
        .where(eq(networkMembers.networkId, row.networkId))
        .orderBy(asc(organisations.name))
    : [];
  return {
    id: row.id,
    version: row.version,
    network: network!,
    capofila: capofila!,
    name: row.name,
    acronym: row.acronym,
    decreeRef: row.decreeRef,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    totalCents: row.totalCents,
    state: row.state,
    frame: row.frame,
    partners,
    budgets,
    equipes: equipes.map((e) => ({ id: e.id, name: e.name, members: members.filter((m) => m.equipeId === e.id).map(({ equipeId: _, ...m }) => m) })),
    results: results.map((r) => ({ id: r.id, label: r.label, measure: r.measure, target: r.target, manualActual: r.manualActual })),
    memberOptions,
    acts: { manage: side.manage },
  };
}

// --- Create and edit --------------------------------------------------------------

/** Creates a programme in a network she coordinates; her organisation is its capofila (a partner row of role `capofila`). Returns its id. */
export async function createProgramme(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, input: ProgrammeCreate): Promise<string> {
  if (!actor.coordinator) throw new AppError('forbidden');
  return write(db, async (tx) => {
    if (!(await ledNetworkIds(tx, actor)).includes(input.networkId)) throw invalid({ pointer: '/body/networkId', code: 'unknown_network' });
    const id = randomUUID();
    await tx.insert(autonomyProgrammes).values({
      id,
      networkId: input.networkId,
      capofilaOrganisationId: actor.organisationId,
      name: input.name,
      acronym: input.acronym ?? null,
      decreeRef: input.decreeRef ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      totalCents: input.totalCents,
      frame: input.frame,
      createdBy: actor.userId,
    });
    await tx.insert(autonomyPartners).values({ programmeId: id, organisationId: actor.organisationId, role: 'capofila' });
    await writeAudit(tx, event(actor, 'autonomy.programme.create', id));
    return id;
  });
}

/**
 * The codes of the frame the recorded data use: axes of the budgets and
 * expenses, categories of the projects' budgets and the expenses, areas
 * of the projects. A new frame must keep them all.
 */
async function codesInUse(tx: Tx, programmeId: string): Promise<{ axes: Set<string>; categories: Set<string>; areas: Set<string> }> {
  const axes = new Set<string>();
  const categories = new Set<string>();
  const areas = new Set<string>();
  for (const r of await tx.selectDistinct({ c: autonomyBudgets.axisCode }).from(autonomyBudgets).where(eq(autonomyBudgets.programmeId, programmeId))) axes.add(r.c);
  for (const r of await tx
    .selectDistinct({ a: autonomyExpenses.axisCode, c: autonomyExpenses.categoryCode })
    .from(autonomyExpenses)
    .where(eq(autonomyExpenses.programmeId, programmeId))) {
    axes.add(r.a);
    categories.add(r.c);
  }
  for (const r of await tx
    .selectDistinct({ c: autonomyProjectBudgets.categoryCode })
    .from(autonomyProjectBudgets)
    .innerJoin(autonomyProjects, eq(autonomyProjects.id, autonomyProjectBudgets.projectId))
    .where(eq(autonomyProjects.programmeId, programmeId)))
    categories.add(r.c);
  for (const r of await tx.select({ areas: autonomyProjects.areas }).from(autonomyProjects).where(eq(autonomyProjects.programmeId, programmeId))) for (const a of r.areas) areas.add(a);
  return { axes, categories, areas };
}

/** A frame that drops a code in use: 409 naming each code dropped (pointer at the frame's list it is missing from). */
async function checkFrameKeepsCodes(tx: Tx, programmeId: string, frame: ProgrammeFrame): Promise<void> {
  const used = await codesInUse(tx, programmeId);
  const errors: FieldIssue[] = [];
  const check = (kind: 'axes' | 'categories' | 'areas', codes: Set<string>) => {
    const present = new Set(frame[kind].map((x) => x.code));
    for (const code of [...codes].sort()) if (!present.has(code)) errors.push({ pointer: `/body/frame/${kind}`, code: 'frame_code_in_use', params: { code }, item: code });
  };
  check('axes', used.axes);
  check('categories', used.categories);
  check('areas', used.areas);
  if (errors.length) throw new AppError('autonomy_frame_code_in_use', { errors });
}

/** Sum of the budgets of a programme. */
async function budgetSum(tx: Tx, programmeId: string): Promise<number> {
  const [r] = await tx
    .select({ s: sql<string>`coalesce(sum(${autonomyBudgets.amountCents}), 0)` })
    .from(autonomyBudgets)
    .where(eq(autonomyBudgets.programmeId, programmeId));
  return Number(r?.s ?? 0);
}

/** Edits what the body names (If-Match). A new frame keeps every code in use (409); a new total covers the budgets (400). */
export async function updateProgramme(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, id: string, expected: number, input: ProgrammeUpdate): Promise<void> {
  await write(db, async (tx) => {
    const row = await managed(tx, actor, id, expected);
    const startsOn = input.startsOn ?? row.startsOn;
    const endsOn = input.endsOn ?? row.endsOn;
    const errors: FieldIssue[] = [];
    if (endsOn < startsOn) errors.push({ pointer: input.endsOn ? '/body/endsOn' : '/body/startsOn', code: 'from_after_to' });
    if (input.totalCents !== undefined) {
      const sum = await budgetSum(tx, id);
      if (sum > input.totalCents) errors.push({ pointer: '/body/totalCents', code: 'over_total', params: { total: euros(input.totalCents) } });
    }
    if (errors.length) throw invalid(...errors);
    if (input.state !== undefined && !programmeStateMayChange(row.state, input.state)) {
      throw new AppError('autonomy_programme_state', { errors: [{ pointer: '/body/state', code: 'not_allowed', params: { from: row.state } }] });
    }
    if (input.frame) await checkFrameKeepsCodes(tx, id, input.frame);
    const set: Partial<typeof autonomyProgrammes.$inferInsert> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.acronym !== undefined) set.acronym = input.acronym;
    if (input.decreeRef !== undefined) set.decreeRef = input.decreeRef;
    if (input.startsOn !== undefined) set.startsOn = input.startsOn;
    if (input.endsOn !== undefined) set.endsOn = input.endsOn;
    if (input.totalCents !== undefined) set.totalCents = input.totalCents;
    if (input.state !== undefined) set.state = input.state;
    if (input.frame !== undefined) set.frame = input.frame;
    await bump(tx, row, set);
    // Which fields changed, by name only (never a value).
    await writeAudit(tx, event(actor, 'autonomy.programme.update', id, Object.keys(input).sort().join(',')));
  });
}

/**
 * The capofila and the partners, replaced: all members of the programme's
 * network. A partner taken off that still has a budget row or an expense
 * is 409 (its budget goes to zero first; an expense keeps it).
 */
export async function setPartners(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, id: string, expected: number, input: ProgrammePartnersIn): Promise<void> {
  await write(db, async (tx) => {
    const row = await managed(tx, actor, id, expected);
    const errors: FieldIssue[] = [];
    const partnerIds = input.partnerOrganisationIds;
    if (new Set(partnerIds).size !== partnerIds.length) errors.push({ pointer: '/body/partnerOrganisationIds', code: 'duplicate' });
    partnerIds.forEach((p, i) => {
      if (p === input.capofilaOrganisationId) errors.push({ pointer: `/body/partnerOrganisationIds/${i}`, code: 'duplicate' });
    });
    const all = [input.capofilaOrganisationId, ...partnerIds];
    const members = await membersOf(tx, row.networkId, all);
    if (!members.has(input.capofilaOrganisationId)) errors.push({ pointer: '/body/capofilaOrganisationId', code: 'not_in_network' });
    partnerIds.forEach((p, i) => {
      if (!members.has(p)) errors.push({ pointer: `/body/partnerOrganisationIds/${i}`, code: 'not_in_network' });
    });
    if (errors.length) throw invalid(...errors);
    const before = await tx.select({ id: autonomyPartners.organisationId }).from(autonomyPartners).where(eq(autonomyPartners.programmeId, id));
    const removed = before.map((b) => b.id).filter((o) => !all.includes(o));
    if (removed.length) {
      const budgeted = await tx
        .selectDistinct({ id: autonomyBudgets.organisationId })
        .from(autonomyBudgets)
        .where(and(eq(autonomyBudgets.programmeId, id), inArray(autonomyBudgets.organisationId, removed), ne(autonomyBudgets.amountCents, 0)));
      const spent = await tx
        .selectDistinct({ id: autonomyExpenses.partnerOrganisationId })
        .from(autonomyExpenses)
        .where(and(eq(autonomyExpenses.programmeId, id), inArray(autonomyExpenses.partnerOrganisationId, removed)));
      const inUse = [...new Set([...budgeted, ...spent].map((r) => r.id))];
      if (inUse.length) {
        const names = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, inUse));
        throw new AppError('autonomy_partner_in_use', {
          errors: names.map((n) => ({ pointer: '/body/partnerOrganisationIds', code: 'in_use' as const, params: { what: n.name }, item: n.id })),
        });
      }
      // Zero budget rows of a removed partner go with it.
      await tx.delete(autonomyBudgets).where(and(eq(autonomyBudgets.programmeId, id), inArray(autonomyBudgets.organisationId, removed)));
    }
    await tx.delete(autonomyPartners).where(eq(autonomyPartners.programmeId, id));
    await tx.insert(autonomyPartners).values([
      { programmeId: id, organisationId: input.capofilaOrganisationId, role: 'capofila' as const },
      ...partnerIds.map((organisationId) => ({ programmeId: id, organisationId, role: 'partner' as const })),
    ]);
    await bump(tx, row, { capofilaOrganisationId: input.capofilaOrganisationId });
    await writeAudit(tx, event(actor, 'autonomy.programme.partners', id, `partners:${partnerIds.length}`));
  });
}

/**
 * The budget per axis and partner, replaced. Each axis is a code of the
 * frame, each organisation the capofila or a partner, each pair once; the
 * sum is at most the total. The existing rows are held `for update` (an
 * expense takes its row the same way), then no partner's axis may go below
 * what its expenses (committed or paid) already take: 409 naming it.
 */
export async function setBudgets(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, id: string, expected: number, input: ProgrammeBudgetsIn): Promise<void> {
  await write(db, async (tx) => {
    const row = await managed(tx, actor, id, expected);
    const axes = new Set(row.frame.axes.map((a) => a.code));
    const partners = new Set((await tx.select({ id: autonomyPartners.organisationId }).from(autonomyPartners).where(eq(autonomyPartners.programmeId, id))).map((p) => p.id));
    const errors: FieldIssue[] = [];
    const seen = new Set<string>();
    input.budgets.forEach((b, i) => {
      if (!axes.has(b.axisCode)) errors.push({ pointer: `/body/budgets/${i}/axisCode`, code: 'unknown_axis' });
      if (!partners.has(b.organisationId)) errors.push({ pointer: `/body/budgets/${i}/organisationId`, code: 'not_partner' });
      const key = `${b.axisCode}\u0000${b.organisationId}`;
      if (seen.has(key)) errors.push({ pointer: `/body/budgets/${i}`, code: 'duplicate' });
      seen.add(key);
    });
    const sum = input.budgets.reduce((s, b) => s + b.amountCents, 0);
    if (sum > row.totalCents) errors.push({ pointer: '/body/budgets', code: 'over_total', params: { total: euros(row.totalCents) } });
    if (errors.length) throw invalid(...errors);
    await tx.select({ a: autonomyBudgets.axisCode }).from(autonomyBudgets).where(eq(autonomyBudgets.programmeId, id)).for('update');
    const spent = await tx
      .select({ axisCode: autonomyExpenses.axisCode, organisationId: autonomyExpenses.partnerOrganisationId, cents: sql<string>`sum(${autonomyExpenses.amountCents})` })
      .from(autonomyExpenses)
      .where(and(eq(autonomyExpenses.programmeId, id), ne(autonomyExpenses.state, 'annullata')))
      .groupBy(autonomyExpenses.axisCode, autonomyExpenses.partnerOrganisationId);
    const below: FieldIssue[] = [];
    for (const s of spent) {
      const cents = Number(s.cents);
      const i = input.budgets.findIndex((b) => b.axisCode === s.axisCode && b.organisationId === s.organisationId);
      const amount = i >= 0 ? input.budgets[i]!.amountCents : 0;
      if (amount < cents) below.push({ pointer: i >= 0 ? `/body/budgets/${i}/amountCents` : '/body/budgets', code: 'below_spent', params: { spent: euros(cents) }, item: `${s.axisCode}:${s.organisationId}` });
    }
    if (below.length) throw new AppError('autonomy_budget_below_spent', { errors: below });
    // Upsert what is given, delete what is not: an expense waiting on a kept row's lock finds it, with its new amount.
    for (const b of input.budgets) {
      await tx
        .insert(autonomyBudgets)
        .values({ programmeId: id, axisCode: b.axisCode, organisationId: b.organisationId, amountCents: b.amountCents })
        .onConflictDoUpdate({ target: [autonomyBudgets.programmeId, autonomyBudgets.axisCode, autonomyBudgets.organisationId], set: { amountCents: b.amountCents } });
    }
    const kept = input.budgets.map((b) => sql`(${b.axisCode}, ${b.organisationId}::uuid)`);
    await tx
      .delete(autonomyBudgets)
      .where(
        and(
          eq(autonomyBudgets.programmeId, id),
          kept.length ? sql`(${autonomyBudgets.axisCode}, ${autonomyBudgets.organisationId}) not in (${sql.join(kept, sql`, `)})` : undefined,
        ),
      );
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.programme.budgets', id, `rows:${input.budgets.length} sum:${sum}`));
  });
}

/**
 * The équipes, replaced: one with an `id` is kept (renamed, members
 * replaced), one without is created, one left out is deleted — unless a
 * referral or a project already names it (409). Members are organisations
 * of the programme's network.
 */
export async function setEquipes(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, id: string, expected: number, input: ProgrammeEquipesIn): Promise<void> {
  await write(db, async (tx) => {
    const row = await managed(tx, actor, id, expected);
    const existing = await tx.select().from(autonomyEquipes).where(eq(autonomyEquipes.programmeId, id)).for('update');
    const existingIds = new Set(existing.map((e) => e.id));
    const errors: FieldIssue[] = [];
    const names = new Set<string>();
    const ids = new Set<string>();
    const members = await membersOf(
      tx,
      row.networkId,
      input.equipes.flatMap((e) => e.organisationIds),
    );
    input.equipes.forEach((e, i) => {
      if (e.id && !existingIds.has(e.id)) errors.push({ pointer: `/body/equipes/${i}/id`, code: 'unknown_item' });
      if (e.id && ids.has(e.id)) errors.push({ pointer: `/body/equipes/${i}/id`, code: 'duplicate' });
      if (e.id) ids.add(e.id);
      const key = e.name.toLocaleLowerCase('it');
      if (names.has(key)) errors.push({ pointer: `/body/equipes/${i}/name`, code: 'duplicate' });
      names.add(key);
      if (new Set(e.organisationIds).size !== e.organisationIds.length) errors.push({ pointer: `/body/equipes/${i}/organisationIds`, code: 'duplicate' });
      e.organisationIds.forEach((o, j) => {
        if (!members.has(o)) errors.push({ pointer: `/body/equipes/${i}/organisationIds/${j}`, code: 'not_in_network' });
      });
    });
    if (errors.length) throw invalid(...errors);
    const removed = existing.filter((e) => !ids.has(e.id));
    if (removed.length) {
      const removedIds = removed.map((e) => e.id);
      const used = new Set([
        ...(await tx.selectDistinct({ id: autonomyIntakes.equipeId }).from(autonomyIntakes).where(inArray(autonomyIntakes.equipeId, removedIds))).map((r) => r.id),
        ...(await tx.selectDistinct({ id: autonomyProjects.equipeId }).from(autonomyProjects).where(inArray(autonomyProjects.equipeId, removedIds))).map((r) => r.id),
      ]);
      const inUse = removed.filter((e) => used.has(e.id));
      if (inUse.length) throw new AppError('autonomy_equipe_in_use', { errors: inUse.map((e) => ({ pointer: '/body/equipes', code: 'in_use' as const, params: { what: e.name }, item: e.id })) });
      await tx.delete(autonomyEquipes).where(inArray(autonomyEquipes.id, removedIds));
    }
    // Free the names first: a kept équipe may take the name another had.
    for (const e of input.equipes.filter((x) => x.id)) await tx.update(autonomyEquipes).set({ name: `~${e.id}` }).where(eq(autonomyEquipes.id, e.id!));
    for (const e of input.equipes) {
      let equipeId = e.id;
      if (equipeId) {
        const prev = existing.find((x) => x.id === equipeId)!;
        await tx
          .update(autonomyEquipes)
          .set({ name: e.name, version: prev.version + 1 })
          .where(eq(autonomyEquipes.id, equipeId));
        await tx.delete(autonomyEquipeMembers).where(eq(autonomyEquipeMembers.equipeId, equipeId));
      } else {
        equipeId = randomUUID();
        await tx.insert(autonomyEquipes).values({ id: equipeId, programmeId: id, name: e.name });
      }
      await tx.insert(autonomyEquipeMembers).values(e.organisationIds.map((organisationId) => ({ equipeId: equipeId!, organisationId })));
    }
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.programme.equipes', id, `equipes:${input.equipes.length}`));
  });
}

/**
 * The expected results, replaced in the order given (an `id` keeps one).
 * A manual actual value is taken for a `manuale` measure only: every other
 * measure is counted from the records (projects, group work, agreements).
 */
export async function setResults(_ctx: AppContext, db: DbOrTx, actor: ProgrammeActor, id: string, expected: number, input: ProgrammeResultsIn): Promise<void> {
  await write(db, async (tx) => {
    const row = await managed(tx, actor, id, expected);
    const existing = new Set((await tx.select({ id: autonomyResults.id }).from(autonomyResults).where(eq(autonomyResults.programmeId, id))).map((r) => r.id));
    const errors: FieldIssue[] = [];
    const ids = new Set<string>();
    input.results.forEach((r, i) => {
      if (r.id && (!existing.has(r.id) || ids.has(r.id))) errors.push({ pointer: `/body/results/${i}/id`, code: r.id && ids.has(r.id) ? 'duplicate' : 'unknown_item' });
      if (r.id) ids.add(r.id);
      if (r.measure !== 'manuale' && r.manualActual != null) errors.push({ pointer: `/body/results/${i}/manualActual`, code: 'not_allowed' });
    });
    if (errors.length) throw invalid(...errors);
    const gone = [...existing].filter((x) => !ids.has(x));
    if (gone.length) await tx.delete(autonomyResults).where(inArray(autonomyResults.id, gone));
    for (const [position, r] of input.results.entries()) {
      const values = { label: r.label, measure: r.measure, target: r.target, manualActual: r.manualActual ?? null, position };
      if (r.id) await tx.update(autonomyResults).set(values).where(eq(autonomyResults.id, r.id));
      else await tx.insert(autonomyResults).values({ ...values, programmeId: id });
    }
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.programme.results', id, `results:${input.results.length}`));
  });
}
