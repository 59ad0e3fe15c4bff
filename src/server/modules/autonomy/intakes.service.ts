import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IntakeCreate, IntakeDecision, IntakeListOut, IntakeOut, IntakesQuery } from '../../../shared/autonomy.projects.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { accessCases, cases, inOrder, onCase } from '../cases/index.js';
import { organisations } from '../organisations/index.js';
import { decidesForEquipe } from './autonomy.access.js';
import { autonomyEquipeMembers, autonomyEquipes, autonomyIntakes, autonomyProgrammes, autonomyProjects } from './autonomy.tables.js';
import { type ProgrammeActor, programmeActor, sideOf } from './programmes.access.js';
import { sealFor, unsealFor } from './projects.seal.js';

/**
 * Intake (docs/autonomy.md, "Projects"): the case's team refers her to a
 * programme's équipe multidisciplinare territoriale, which admits her or
 * not, with a coded reason. One live referral per programme and case (the
 * table's unique index). The équipe sees the referrals to it (case code,
 * never her name); the referring team sees its own on the cases it holds.
 */

const DENIED = Symbol('denied');
type IntakeNote = { referral?: string | null; decision?: string | null };
const invalid = (pointer: string, code: 'unknown_item' | 'required' | 'not_allowed') => new AppError('validation_failed', { errors: [{ pointer, code }] });

/**
 * The programme (active) and one of its équipes, for a referral or a project
 * naming them. With `reader`, a programme she may not read (another
 * network's) is as unknown as an absent one: her case goes to no équipe
 * outside the programmes she reads.
 */
export async function programmeAndEquipe(db: DbOrTx, programmeId: string, equipeId: string, reader?: ProgrammeActor) {
  const [programme] = await db.select().from(autonomyProgrammes).where(eq(autonomyProgrammes.id, programmeId));
  if (!programme || (reader && !(await sideOf(db, reader, programme)))) throw invalid('/body/programmeId', 'unknown_item');
  const [equipe] = await db
    .select()
    .from(autonomyEquipes)
    .where(and(eq(autonomyEquipes.id, equipeId), eq(autonomyEquipes.programmeId, programmeId)));
  if (!equipe) throw invalid('/body/equipeId', 'unknown_item');
  if (programme.state !== 'attivo') throw new AppError('autonomy_programme_not_active');
  return { programme, equipe };
}

export async function createIntake(ctx: AppContext, scope: Scope, input: IntakeCreate, requestId: string): Promise<IntakeOut> {
  const id = randomUUID();
  await onCase(
    ctx,
    scope,
    input.caseId,
    requestId,
    'autonomy.intake.create',
    'plan',
    async (tx, access) => {
      await programmeAndEquipe(tx, input.programmeId, input.equipeId, programmeActor(scope, requestId));
      const noteSealed = input.note ? await sealFor(ctx, tx, access.row, 'autonomy_intake.note', id, { referral: input.note } satisfies IntakeNote) : null;
      await tx.insert(autonomyIntakes).values({
        id,
        programmeId: input.programmeId,
        equipeId: input.equipeId,
        caseId: input.caseId,
        referringOrganisationId: scope.principal.organisation!.id,
        noteSealed,
      });
    },
    () => `intake:${id}`,
  );
  return (await presentIntakes(ctx, readHandle(ctx.database.db), eq(autonomyIntakes.id, id)))[0]!;
}

const referring = alias(organisations, 'referring');

async function presentIntakes(ctx: AppContext, db: DbOrTx, where: ReturnType<typeof eq> | undefined): Promise<IntakeOut[]> {
  const rows = await db
    .select({
      intake: autonomyIntakes,
      programme: { id: autonomyProgrammes.id, name: autonomyProgrammes.name },
      equipe: { id: autonomyEquipes.id, name: autonomyEquipes.name },
      caseCode: cases.code,
      referring: { id: referring.id, name: referring.name },
    })
    .from(autonomyIntakes)
    .innerJoin(autonomyProgrammes, eq(autonomyProgrammes.id, autonomyIntakes.programmeId))
    .innerJoin(autonomyEquipes, eq(autonomyEquipes.id, autonomyIntakes.equipeId))
    .innerJoin(cases, eq(cases.id, autonomyIntakes.caseId))
    .innerJoin(referring, eq(referring.id, autonomyIntakes.referringOrganisationId))
    .where(where)
    .orderBy(desc(autonomyIntakes.referredAt), desc(autonomyIntakes.id))
    .limit(200);
  return inOrder(rows, async (r) => {
    const note = await unsealFor<IntakeNote>(ctx, db, 'autonomy_intake.note', r.intake.id, r.intake.noteSealed);
    return {
      id: r.intake.id,
      programme: r.programme,
      equipe: r.equipe,
      caseId: r.intake.caseId,
      caseCode: r.caseCode,
      referringOrganisation: r.referring,
      state: r.intake.state,
      refusalReason: r.intake.refusalReason,
      note: note?.referral ?? null,
      decisionNote: note?.decision ?? null,
      referredAt: r.intake.referredAt,
      decidedAt: r.intake.decidedAt,
      version: r.intake.version,
    };
  });
}

/**
 * `inbox`: the referrals to the équipes her organisation is a member of;
 * `sent`: her organisation's referrals, on the cases she holds with the
 * plan (the choke point decides each).
 */
export async function listIntakes(ctx: AppContext, scope: Scope, q: IntakesQuery, requestId: string): Promise<IntakeListOut> {
  const db = readHandle(ctx.database.db);
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('forbidden');
  const state = and(q.state ? eq(autonomyIntakes.state, q.state) : undefined, q.caseId ? eq(autonomyIntakes.caseId, q.caseId) : undefined);
  let items: IntakeOut[];
  if (q.box === 'inbox') {
    const equipes = db.select({ id: autonomyEquipeMembers.equipeId }).from(autonomyEquipeMembers).where(eq(autonomyEquipeMembers.organisationId, organisation.id));
    items = await presentIntakes(ctx, db, and(inArray(autonomyIntakes.equipeId, equipes), state) as ReturnType<typeof eq>);
  } else {
    const own = await presentIntakes(ctx, db, and(eq(autonomyIntakes.referringOrganisationId, organisation.id), state) as ReturnType<typeof eq>);
    const held = await accessCases(db, scope, own.map((i) => i.caseId));
    items = own.filter((i) => held.get(i.caseId)?.sections.has('plan'));
  }
  await writeAuditAlone(ctx.database.db, {
    ...actedBy(scope, requestId, 'autonomy.intake.list'),
    purpose: `${q.box}: ${items.length}`,
    subjectIds: [...new Set(items.map((i) => i.caseId))],
  });
  return { items };
}

/**
 * The referring team withdraws its referral (If-Match): the case's team
 * with the plan section, for the organisation that referred her; a
 * referral still awaiting the équipe, or admitted with no live project.
 */
export async function withdrawIntake(ctx: AppContext, scope: Scope, id: string, expected: number, requestId: string): Promise<IntakeOut> {
  const [row] = await readHandle(ctx.database.db).select({ caseId: autonomyIntakes.caseId }).from(autonomyIntakes).where(eq(autonomyIntakes.id, id));
  if (!row) {
    await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'autonomy.intake.withdraw', { type: 'autonomy_intake', id }), outcome: 'denied' });
    throw new AppError('not_found');
  }
  await onCase(
    ctx,
    scope,
    row.caseId,
    requestId,
    'autonomy.intake.withdraw',
    'plan',
    async (tx) => {
      const [intake] = await tx.select().from(autonomyIntakes).where(eq(autonomyIntakes.id, id)).for('update');
      // Another organisation's referral of the same case is not hers to withdraw.
      if (!intake || intake.referringOrganisationId !== scope.principal.organisation?.id) throw resourceNotFound('autonomy_intake', id);
      if (intake.state !== 'segnalata' && intake.state !== 'ammessa') throw new AppError('autonomy_intake_not_pending');
      if (intake.version !== expected) throw new AppError('precondition_failed');
      const [live] = await tx
        .select({ id: autonomyProjects.id })
        .from(autonomyProjects)
        .where(and(eq(autonomyProjects.intakeId, id), ne(autonomyProjects.state, 'interrotta')));
      if (live) throw new AppError('autonomy_intake_not_pending');
      await tx.update(autonomyIntakes).set({ state: 'ritirata', version: intake.version + 1 }).where(eq(autonomyIntakes.id, id));
    },
    () => `intake:${id};ritirata`,
  );
  return (await presentIntakes(ctx, readHandle(ctx.database.db), eq(autonomyIntakes.id, id)))[0]!;
}

/** The équipe's decision (a member organisation's staff; If-Match): admitted, or not with a coded reason. */
export async function decideIntake(ctx: AppContext, scope: Scope, id: string, expected: number, input: IntakeDecision, requestId: string): Promise<IntakeOut> {
  const audit = actedBy(scope, requestId, 'autonomy.intake.decide', { type: 'autonomy_intake', id });
  const done = await writeTransaction(
    ctx.database.db,
    async (tx: Tx) => {
      const [row] = await tx
        .select({ intake: autonomyIntakes, caseOrganisationId: cases.organisationId })
        .from(autonomyIntakes)
        .innerJoin(cases, eq(cases.id, autonomyIntakes.caseId))
        .where(eq(autonomyIntakes.id, id))
        .for('update', { of: autonomyIntakes });
      if (!row || !(await decidesForEquipe(tx, scope, row.intake.equipeId))) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
      const { intake } = row;
      if (intake.state !== 'segnalata') throw new AppError('autonomy_intake_not_pending');
      if (intake.version !== expected) throw new AppError('precondition_failed');
      const before = await unsealFor<IntakeNote>(ctx, tx, 'autonomy_intake.note', id, intake.noteSealed);
      const noteSealed = input.note
        ? await sealFor(ctx, tx, { id: intake.caseId, organisationId: row.caseOrganisationId }, 'autonomy_intake.note', id, { referral: before?.referral ?? null, decision: input.note } satisfies IntakeNote)
        : intake.noteSealed;
      await tx
        .update(autonomyIntakes)
        .set({
          state: input.decision,
          refusalReason: input.decision === 'non_ammessa' ? input.reason : null,
          noteSealed,
          decidedAt: new Date(),
          decidedBy: scope.principal.userId,
          version: intake.version + 1,
        })
        .where(eq(autonomyIntakes.id, id));
      await writeAudit(tx, { ...audit, purpose: input.decision === 'non_ammessa' ? `non_ammessa;${input.reason}` : 'ammessa', subjectIds: [intake.caseId] });
      return intake.caseId;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  return (await presentIntakes(ctx, readHandle(ctx.database.db), eq(autonomyIntakes.id, id)))[0]!;
}
