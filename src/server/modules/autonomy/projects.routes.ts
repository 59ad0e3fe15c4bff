import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  expenseCreate,
  expenseMove,
  intakeCreate,
  intakeDecision,
  intakeListOut,
  intakeOut,
  intakesQuery,
  projectBudget,
  projectCreate,
  projectListOut,
  projectMove,
  projectOut,
  projectPatch,
} from '../../../shared/autonomy.projects.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { createExpense, moveExpense } from './expenses.service.js';
import { createIntake, decideIntake, listIntakes, withdrawIntake } from './intakes.service.js';
import * as projects from './projects.service.js';

const params = z.object({ id: z.uuid() });
const expenseParams = z.object({ id: z.uuid(), expenseId: z.uuid() });

/** Intakes, personalised projects, their approval chain and expenses (docs/autonomy.md, "Projects"; routes listed in src/shared/autonomy.projects.api.ts). */
export function autonomyProjectsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['autonomy'];

    r.post(
      '/api/autonomy/intakes',
      {
        schema: { tags, summary: "Refer a case to a programme's équipe (the case's team with the plan; one live referral per programme and case)", body: intakeCreate, response: { 201: intakeOut } },
        config: { access: { action: 'autonomy.intake.write' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await createIntake(ctx, scopeOf(request), request.body, request.id))),
    );
    r.get(
      '/api/autonomy/intakes',
      {
        schema: { tags, summary: "The équipe's inbox (`box=inbox`) or her organisation's referrals on cases she holds (`box=sent`): case code, never a name", querystring: intakesQuery, response: { 200: intakeListOut } },
        config: { access: { action: 'autonomy.intake.decide' } },
      },
      async (request) => listIntakes(ctx, scopeOf(request), request.query, request.id),
    );
    r.post(
      '/api/autonomy/intakes/:id/decision',
      {
        schema: { tags, summary: "The équipe's decision (a member organisation's staff; If-Match): ammessa, or non_ammessa with a coded reason", params, headers: ifMatchHeaders, body: intakeDecision, response: { 200: intakeOut } },
        config: { access: { action: 'autonomy.intake.decide' } },
      },
      async (request, reply) => withEtag(reply, await decideIntake(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/autonomy/intakes/:id/withdraw',
      {
        schema: { tags, summary: 'The referring team withdraws its referral (If-Match): awaiting the équipe, or admitted with no live project', params, headers: ifMatchHeaders, response: { 200: intakeOut } },
        config: { access: { action: 'autonomy.intake.write' } },
      },
      async (request, reply) => withEtag(reply, await withdrawIntake(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.id)),
    );
    r.post(
      '/api/autonomy/projects',
      {
        schema: { tags, summary: 'A personalised project of a case (the team leading the plan): from an admitted intake, or naming programme and équipe; goals sealed', body: projectCreate, response: { 201: projectOut } },
        config: { access: { action: 'autonomy.project.write' } },
      },
      async (request, reply) => reply.code(201).send(withEtag(reply, await projects.createProject(ctx, scopeOf(request), request.body, request.id))),
    );
    r.get(
      '/api/cases/:id/autonomy-projects',
      {
        schema: { tags, summary: "The case's projects as her side sees them (the case's team: the plan, or work and housing only)", params, response: { 200: projectListOut } },
        config: { access: { action: 'autonomy.project.read' } },
      },
      async (request) => projects.caseProjects(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.get(
      '/api/autonomy/inbox',
      {
        schema: { tags, summary: 'Projects awaiting her organisation: proposed to an équipe it is a member of, validated in a programme it runs as capofila', response: { 200: projectListOut } },
        config: { access: { action: 'autonomy.project.read' } },
      },
      async (request) => projects.inbox(ctx, scopeOf(request), request.id),
    );
    r.get(
      '/api/autonomy/projects/:id',
      {
        schema: { tags, summary: 'One project as her side sees it (team, approval or work_housing view; ETag: its version)', params, response: { 200: projectOut } },
        config: { access: { action: 'autonomy.project.read' } },
      },
      async (request, reply) => withEtag(reply, await projects.getProject(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.patch(
      '/api/autonomy/projects/:id',
      {
        schema: { tags, summary: 'Areas, goals and notes of a draft (the team leading the plan; If-Match)', params, headers: ifMatchHeaders, body: projectPatch, response: { 200: projectOut } },
        config: { access: { action: 'autonomy.project.write' } },
      },
      async (request, reply) => withEtag(reply, await projects.patchProject(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.put(
      '/api/autonomy/projects/:id/budget',
      {
        schema: { tags, summary: "The planned budget of a draft: cents per category of the areas' axes, every cap respected (409 autonomy_cap_exceeded naming it; If-Match)", params, headers: ifMatchHeaders, body: projectBudget, response: { 200: projectOut } },
        config: { access: { action: 'autonomy.project.write' } },
      },
      async (request, reply) => withEtag(reply, await projects.putBudget(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/autonomy/projects/:id/moves',
      {
        schema: { tags, summary: 'A move of the approval chain, each by its role: the team proposes, starts, concludes, interrupts; the équipe validates; the capofila approves (If-Match)', params, headers: ifMatchHeaders, body: projectMove, response: { 200: projectOut } },
        // Whose move it is depends on the move and the project: decided per row (autonomy.access.ts mayMove).
        config: { access: { action: 'autonomy.project.read' } },
      },
      async (request, reply) => withEtag(reply, await projects.moveProject(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/autonomy/projects/:id/expenses',
      {
        schema: {
          tags,
          summary: "An expense of an approved or running project (the team; Idempotency-Key): every cap of its category and the partner's share of its axis checked in the transaction",
          params,
          headers: idempotencyHeaders,
          body: expenseCreate,
          response: { 201: projectOut },
        },
        config: { access: { action: 'autonomy.project.write' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/autonomy/projects/:id/expenses', request.headers['idempotency-key'], { id: request.params.id, body: request.body });
        return reply.code(201).send(withEtag(reply, await createExpense(ctx, scope, request.params.id, request.body, request.id, claim)));
      },
    );
    r.post(
      '/api/autonomy/projects/:id/expenses/:expenseId/moves',
      {
        schema: { tags, summary: "An expense paid (its date) or cancelled, from impegnata only (the team; If-Match: the expense's version)", params: expenseParams, headers: ifMatchHeaders, body: expenseMove, response: { 200: projectOut } },
        config: { access: { action: 'autonomy.project.write' } },
      },
      async (request, reply) =>
        withEtag(reply, await moveExpense(ctx, scopeOf(request), request.params.id, request.params.expenseId, expectedVersion(request), request.body, request.id)),
    );
  };
}
