import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentsOut, documentUpload } from '../../../shared/documents.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { servedType } from './documents.files.js';
import * as documents from './documents.service.js';

const params = z.object({ id: z.uuid() });

/** Documents of a case: upload (JSON with the file base64-encoded), list, download. */
export function documentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  // Base64 takes 4 bytes for 3, plus room for the other fields.
  const bodyLimit = Math.ceil((ctx.config.documentMaxBytes * 4) / 3) + 64 * 1024;

  r.get(
    '/api/cases/:id/documents',
    {
      schema: {
        tags,
        summary: 'The documents of a case (no content)',
        params,
        response: {
          200: documentsOut,
        },
      },
      config: { access: { action: 'case.read' } },
    },
    async (request) => documents.listDocuments(ctx, scopeOf(request), request.params.id, request.id),
  );

  r.post(
    '/api/cases/:id/documents',
    {
      bodyLimit,
      schema: {
        tags,
        summary: `Upload a document (PDF, JPEG, PNG, DOCX, ODT, text; at most ${ctx.config.documentMaxBytes} bytes; the content must match the type; encrypted at rest)`,
        params,
        body: documentUpload.extend({ contentBase64: documentUpload.shape.contentBase64.max(bodyLimit) }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
      config: { access: { action: 'case.write' } },
    },
    async (request, reply) => reply.code(201).send(await documents.createDocument(ctx, scopeOf(request), request.params.id, request.body, request.id)),
  );

  r.get(
    '/api/cases/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Download a document (every download audited): always an attachment of its checked type, under a name with its extension',
        params: params.extend({ documentId: z.uuid() }),
      },
      config: { access: { action: 'case.read' } },
    },
    async (request, reply) => {
      const file = await documents.readDocument(ctx, scopeOf(request), request.params.id, request.params.documentId, request.id);
      const ascii = file.name.replace(/[^\w.-]+/g, '_');
      // Never rendered by the browser: an attachment, of the type checked at upload (never sniffed),
      // and, should anything open it in place anyway, a sandbox with no script and no request.
      return reply
        .header('content-type', servedType(file.mimeType))
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
}
