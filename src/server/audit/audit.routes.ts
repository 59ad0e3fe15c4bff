import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditChainOut, auditEntryOut, auditEntryParams, auditFilters, auditPage } from '../../shared/audit.api.js';
import { scopeOf } from '../access/guard.js';
import type { AppContext } from '../context.js';
import { resourceNotFound } from './audit.denied.js';
import { pageQuery } from '../platform/paging.js';
import { findAuditEntry, listAudit } from './audit.read.js';
import { auditActions } from './catalogue.js';
import { actedBy, writeAudit } from './audit.writer.js';
import { AuditChainer, CHAINER_DEFAULTS, PGLITE_CHAIN_BATCH, chainLag } from './audit.chain.js';
import { MAX_UNCHAINED_SECONDS } from './audit.verify.js';

/** The shared filters, with `action` narrowed to the catalogue and the log's own page size. */
const auditQuery = pageQuery.extend({
  ...auditFilters.shape,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  action: z.enum(Object.keys(auditActions) as [string, ...string[]]).optional(),
});

export function auditRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { db } = ctx.database;
    const tags = ['audit'];
    // The chainer links committed rows after their commit (audit.chain.ts): it runs while the app does, and chains what is left when it closes.
    const chainer = new AuditChainer(db, ctx.log, ctx.database.kind === 'pglite' ? { ...CHAINER_DEFAULTS, batch: PGLITE_CHAIN_BATCH } : CHAINER_DEFAULTS);
    app.addHook('onReady', async () => chainer.start());
    app.addHook('onClose', async () => chainer.stop());

    r.get(
      '/api/audit/chain',
      {
        schema: { tags, summary: 'How far the audit chain is behind: committed rows not yet chained, and the oldest one\'s age', response: { 200: auditChainOut } },
        config: { access: { action: 'audit.chain' } },
      },
      // A figure about the instance, not a record: not itself audited (like the readiness probe).
      async () => ({ ...(await chainLag(db)), maxUnchainedSeconds: MAX_UNCHAINED_SECONDS }),
    );

    r.get(
      '/api/audit',
      {
        schema: {
          tags,
          summary: 'Browse the audit log of her scope, newest first (filter by family, action, outcome, days)',
          querystring: auditQuery,
          response: { 200: auditPage },
        },
        config: { access: { action: 'audit.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const page = await listAudit(db, scope, request.query);
        await db.transaction((tx) => writeAudit(tx, actedBy(scope, request.id, 'audit.read')));
        return page;
      },
    );

    r.get(
      '/api/audit/:id',
      {
        schema: { tags, summary: 'One audit row (404 when out of scope)', params: auditEntryParams, response: { 200: auditEntryOut } },
        config: { access: { action: 'audit.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const id = String(request.params.id);
        const row = await findAuditEntry(db, scope, request.params.id);
        if (!row) throw resourceNotFound('audit_log', id);
        // Reading the log is itself recorded, like browsing it.
        await db.transaction((tx) => writeAudit(tx, actedBy(scope, request.id, 'audit.read', { type: 'audit_log', id })));
        return row;
      },
    );
  };
}
