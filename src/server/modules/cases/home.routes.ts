import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { tasksOut, tasksQuery, workloadOut } from '../../../shared/tasks.api.js';
import { myTasks } from './tasks.service.js';
import { centreWorkload } from './workload.service.js';

/** What the home pages show of the cases: her tasks, and the head's workload of her centre. */
export function homeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases/tasks',
    {
      schema: {
        tags,
        summary:
          'Her tasks on the cases of her team, overdue first: due plan actions of her organisation, reviews, legal deadlines (passed within the last 30 days too); pathways with no recent contact, oldest first, paged (stalePage) with their total',
        querystring: tasksQuery,
        response: { 200: tasksOut },
      },
      config: { access: { action: 'case.read' } },
    },
    async (request) => myTasks(ctx, scopeOf(request), request.query, request.id),
  );

  r.get(
    '/api/cases/workload',
    {
      schema: {
        tags,
        summary:
          'The workload of her centre (its head only), as counts: open pathways per member of staff, emergencies, high risk, without anybody of the centre on the team, with something overdue; each is the total of the caseload with the matching filters',
        response: { 200: workloadOut },
      },
      config: { access: { action: 'case.workload' } },
    },
    async (request) => centreWorkload(ctx, scopeOf(request), request.id),
  );
}
