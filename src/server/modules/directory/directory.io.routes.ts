import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { sendDownload } from '../../platform/exports.js';
import { exportQuery, importReportOut } from '../../../shared/directory.api.js';
import { exportNetworkMap } from './directory.export.js';
import { importDirectory } from './directory.import.js';
import { directoryImportJsonSchema } from './directory.import.schema.js';

/** A national directory file (7,895 comuni, a thousand sportelli) is a few MB; the default body limit is 1 MB. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** Directory import and export (docs/directory-import.md). */
export function directoryIoRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];

    r.post(
      '/api/directory/import',
      {
        bodyLimit: Math.max(IMPORT_BODY_LIMIT, ctx.config.bodyLimit),
        schema: {
          tags,
          summary: 'Import a directory file (trama-directory/1, see /api/schemas/directory-import.json); idempotent by externalId',
          description:
            'The file is checked as a whole: any error answers 422 import_invalid with every error (pointer, item, code, detail) ' +
            'and nothing is written. With dryRun=true the report says what would change and nothing is written.',
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: importReportOut },
        },
        config: { access: { action: 'directory.import' } },
      },
      async (request) => {
        const dryRun = request.query.dryRun === 'true';
        const report = await importDirectory(ctx, { kind: 'user', scope: scopeOf(request), requestId: request.id }, request.body, { dryRun });
        return { ...report, dryRun };
      },
    );

    r.get(
      '/api/schemas/directory-import.json',
      {
        schema: { tags, summary: 'JSON Schema (draft 2020-12) of the directory import file' },
        config: { access: { public: true, reason: 'format documentation, no data' } },
      },
      async (_request, reply) => reply.type('application/schema+json; charset=utf-8').send(JSON.stringify(directoryImportJsonSchema(), null, 2)),
    );

    r.get(
      '/api/directory/export',
      {
        schema: {
          tags,
          summary:
            "A network's services: the public map (public sportelli only; CSV, XLSX) or the internal directory (reserved included and marked; CSV, XLSX or JSON importable back); never secret sportelli or 1522 transfer numbers",
          querystring: exportQuery,
        },
        config: { access: { action: 'directory.export' } },
      },
      async (request, reply) => {
        const { network, kind, format } = request.query;
        const { body, filename } = await exportNetworkMap(ctx, scopeOf(request), network, kind, format, request.id);
        return sendDownload(reply, format, filename, body);
      },
    );
  };
}
