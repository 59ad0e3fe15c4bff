import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditEntryOut } from '../../shared/audit.api.js';
import { auditFamilyOf, type AuditFamily } from '../../shared/audit.labels.js';
import type { AuditOutcome } from '../../shared/domain.js';
import { memberships, users } from '../access/access.tables.js';
import type { Scope } from '../access/scope.js';
import { cases } from '../modules/cases/index.js';
import { networks, organisations } from '../modules/organisations/index.js';
import type { DbOrTx } from '../platform/db.js';
import { pageOffset } from '../platform/paging.js';
import { romeMidnight } from '../platform/rome.js';
import { auditLog } from './audit.tables.js';
import { auditActions, type AuditAction } from './catalogue.js';

type Entry = z.infer<typeof auditEntryOut>;

export interface AuditQuery {
  family?: AuditFamily | undefined;
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** The catalogue's actions of one family (auth, accounts, directory, …). */
export function actionsOfFamily(family: AuditFamily): AuditAction[] {
  return (Object.keys(auditActions) as AuditAction[]).filter((a) => auditFamilyOf(a) === family);
}

/** Rows of the scope: all for the instance admin; those acted for her organisation otherwise. */
function inScope(scope: Scope): SQL | undefined {
  if (scope.organisationIds === 'all') return undefined;
  const own = scope.principal.organisation?.id;
  return inArray(auditLog.actorOrganisationId, own ? [own] : []);
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorUsername: users.username,
  actorDisplayName: users.displayName,
  organisationName: organisations.name,
  action: auditLog.action,
  resourceType: auditLog.resourceType,
  resourceId: auditLog.resourceId,
  purpose: auditLog.purpose,
  outcome: auditLog.outcome,
};

const rows = (db: DbOrTx) =>
  db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrganisationId));

/** A page of the log in the viewer's scope, newest first, each row with the names she may see. */
export async function listAudit(db: DbOrTx, scope: Scope, q: AuditQuery) {
  // Dates are days in Europe/Rome; `to` is inclusive.
  const where = and(
    inScope(scope),
    q.family ? inArray(auditLog.action, actionsOfFamily(q.family)) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    q.from ? gte(auditLog.at, romeMidnight(q.from)) : undefined,
    q.to ? lt(auditLog.at, romeMidnight(q.to, 1)) : undefined,
  );
  const found = await rows(db)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset(pageOffset(q));
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { items: await withResourceLabels(db, scope, found), total: total?.n ?? 0 };
}

/** One row of the viewer's scope, or null. */
export async function findAuditEntry(db: DbOrTx, scope: Scope, id: number): Promise<Entry | null> {
  const found = await rows(db).where(and(eq(auditLog.id, id), inScope(scope)));
  const [entry] = await withResourceLabels(db, scope, found);
  return entry ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Awaited<ReturnType<ReturnType<typeof rows>['where']>>[number];

/**
 * Names the record each row is about, where the viewer may see it:
 * - an account: her name, if the viewer manages it (any for the instance
 *   admin; otherwise one with a role in the viewer's organisation);
 * - an organisation or a network: its name (the directory is shared);
 * - a case: its pseudonymous code, and only for a case of the viewer's own
 *   organisation — never a woman's data, and nothing for the instance
 *   admin, who never reaches case data.
 * Anything else keeps only its type and id.
 */
async function withResourceLabels(db: DbOrTx, scope: Scope, found: Row[]): Promise<Entry[]> {
  const idsOf = (type: string) => [...new Set(found.filter((r) => r.resourceType === type && UUID.test(r.resourceId ?? '')).map((r) => r.resourceId!))];
  const admin = scope.organisationIds === 'all';
  const own = scope.principal.organisation?.id ?? null;
  const labels = new Map<string, string>();
  const add = (type: string, list: { id: string; label: string }[]) => list.forEach((x) => labels.set(`${type}:${x.id}`, x.label));

  const userIds = idsOf('user');
  if (userIds.length && (admin || own)) {
    const managed = admin
      ? undefined
      : inArray(users.id, db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.organisationId, own!)));
    add('user', await db.select({ id: users.id, label: users.displayName }).from(users).where(and(inArray(users.id, userIds), managed)));
  }
  const organisationIds = idsOf('organisation');
  if (organisationIds.length) {
    add('organisation', await db.select({ id: organisations.id, label: organisations.name }).from(organisations).where(inArray(organisations.id, organisationIds)));
  }
  const networkIds = idsOf('network');
  if (networkIds.length) add('network', await db.select({ id: networks.id, label: networks.name }).from(networks).where(inArray(networks.id, networkIds)));
  const caseIds = idsOf('case');
  if (caseIds.length && !admin && own) {
    add('case', await db.select({ id: cases.id, label: cases.code }).from(cases).where(and(inArray(cases.id, caseIds), eq(cases.organisationId, own))));
  }
  return found.map((r) => ({
    ...r,
    outcome: r.outcome as AuditOutcome,
    resourceLabel: r.resourceType && r.resourceId ? (labels.get(`${r.resourceType}:${r.resourceId}`) ?? null) : null,
  }));
}
