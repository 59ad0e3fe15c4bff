import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseSheetQuery } from '../../../shared/case-sheet.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { sendPdf } from '../../platform/pdf.js';
import { caseParams } from './cases.routes.js';
import { printCaseSheet } from './sheet.service.js';

/** The printable case sheet (PDF), for the file and for meetings. */
export function caseSheetRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/cases/:id/sheet.pdf',
      {
        schema: {
          tags: ['cases'],
          summary:
            'The case sheet as PDF, marked RISERVATO on every page: the case and the sections asked for (default: every section she holds); a section she does not hold answers 404; every print audited with its sections',
          params: caseParams,
          querystring: caseSheetQuery,
        },
        config: { access: { action: 'case.read' } },
      },
      async (request, reply) => {
        const sheet = await printCaseSheet(ctx, scopeOf(request), request.params.id, request.query.sections, request.id);
        // Named by the case code only: her name never in a file name, a header or a log.
        return sendPdf(reply, sheet.code, sheet.bytes);
      },
    );
  };
}
