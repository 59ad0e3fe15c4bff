import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionCreate,
  actionListOut,
  actionOut,
  actionPatch,
  activityCreate,
  activityListOut,
  activityOut,
  attendancePut,
  followUpCounts as followUpCountsOut,
  followUpListOut,
  followUpOut,
  followUpRecord,
  participantCreate,
  sessionCreate,
} from '../../../shared/autonomy.actions.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { sendPdf } from '../../platform/pdf.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { createAction, listActions, patchAction } from './actions.service.js';
import { followUpCounts, projectFollowUps, recordFollowUp } from './followups.service.js';
import { printProject } from './print.service.js';
import { addParticipant, addSession, createActivity, listActivities, putAttendance } from './workshops.service.js';

const params = z.object({ id: z.uuid() });
const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });
const participantParams = z.object({ id: z.uuid(), participantId: z.uuid() });

/** A project's actions, follow-ups and printable form; a programme's group work (docs/autonomy.md; routes listed in src/shared/autonomy.actions.api.ts). */
export function autonomyActionsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['autonomy'];
    const read = { access: { action: 'autonomy.project.read' } } as const;
    const write = { access: { action: 'autonomy.project.write' } } as const;
    const programmeRead = { access: { action: 'autonomy.programme.read' } } as const;

    r.get(
      '/api/autonomy/projects/:id/actions',
      { schema: { tags, summary: "A project's actions as her side sees them: the team (plan: all; work_housing: work and housing, with details); the équipe and capofila without the sealed details", params, response: { 200: actionListOut } }, config: read },
      async (request) => listActions(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/autonomy/projects/:id/actions',
      { schema: { tags, summary: "An action of a project (the team: the plan section, or work_housing for work and housing actions); its kind's details sealed", params, body: actionCreate, response: { 201: actionOut } }, config: write },
      async (request, reply) => reply.code(201).send(withEtag(reply, await createAction(ctx, scopeOf(request), request.params.id, request.body, request.id))),
    );
    r.patch(
      '/api/autonomy/projects/:id/actions/:actionId',
      { schema: { tags, summary: "An action's status, outcome, dates, cost or details of the same kind (If-Match: the action's version)", params: actionParams, headers: ifMatchHeaders, body: actionPatch, response: { 200: actionOut } }, config: write },
      async (request, reply) =>
        withEtag(reply, await patchAction(ctx, scopeOf(request), request.params.id, request.params.actionId, expectedVersion(request), request.body, request.id)),
    );
    r.get(
      '/api/autonomy/projects/:id/follow-ups',
      { schema: { tags, summary: "A concluded project's follow-ups at 6, 12 and 24 months, with her consent to be contacted (the team with the plan)", params, response: { 200: followUpListOut } }, config: read },
      async (request) => projectFollowUps(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/autonomy/follow-ups/:id',
      { schema: { tags, summary: 'A follow-up recorded: work and housing status (with her live consent to be contacted), or not consented, or not reachable (If-Match)', params, headers: ifMatchHeaders, body: followUpRecord, response: { 200: followUpOut } }, config: write },
      async (request, reply) => withEtag(reply, await recordFollowUp(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.get(
      '/api/autonomy/programmes/:id/follow-ups',
      { schema: { tags, summary: "A programme's follow-up outcomes per check (due, state, work, housing), small cells hidden", params, response: { 200: followUpCountsOut } }, config: programmeRead },
      async (request) => followUpCounts(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.get(
      '/api/autonomy/projects/:id.pdf',
      {
        schema: { tags, summary: 'The printable project as she signs it (the team with the plan; no address printed; audited as an export)', params },
        config: read,
      },
      async (request, reply) => {
        const out = await printProject(ctx, scopeOf(request), request.params.id, request.id);
        // Named by the case code only.
        return sendPdf(reply, `progetto-${out.code}`, out.bytes);
      },
    );
    r.get(
      '/api/autonomy/programmes/:id/activities',
      { schema: { tags, summary: "A programme's group activities and agreements: sessions and counts for every reader, participants and attendance of her own team only", params, response: { 200: activityListOut } }, config: programmeRead },
      async (request) => listActivities(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/autonomy/programmes/:id/activities',
      { schema: { tags, summary: 'A group activity (empowerment workshop, training meeting for operators) or an agreement with a housing or work body', params, body: activityCreate, response: { 201: activityOut } }, config: programmeRead },
      async (request, reply) => reply.code(201).send(await createActivity(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.post(
      '/api/autonomy/activities/:id/sessions',
      { schema: { tags, summary: 'A session of a group activity: its day and facilitators', params, body: sessionCreate, response: { 201: activityOut } }, config: programmeRead },
      async (request, reply) => reply.code(201).send(await addSession(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.post(
      '/api/autonomy/activities/:id/participants',
      { schema: { tags, summary: "A participant of the workshop: a case of her own team (plan section)", params, body: participantCreate, response: { 201: activityOut } }, config: write },
      async (request, reply) => reply.code(201).send(await addParticipant(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.put(
      '/api/autonomy/activities/:id/participants/:participantId/attendance',
      { schema: { tags, summary: "The sessions her own team's participant attended (the whole list)", params: participantParams, body: attendancePut, response: { 200: activityOut } }, config: write },
      async (request) => putAttendance(ctx, scopeOf(request), request.params.id, request.params.participantId, request.body, request.id),
    );
  };
}
