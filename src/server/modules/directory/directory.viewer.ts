import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../../access/scope.js';
import { scopeCovers } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { networkMembers } from '../organisations/index.js';
import { sportelli } from './directory.tables.js';

/**
 * Who is looking at the directory, derived once per request from her Scope.
 *
 * Three circles, widest first:
 * - `sharing`: the organisations sharing a network with hers (hers
 *   included) — she sees their reserved sportelli and profiles;
 * - `scope.organisationIds`: what she administers (her own organisation; a
 *   coordinator the networks she leads; the admin all) — she sees transfer
 *   numbers and may write there (secret sportelli excepted);
 * - `own`: the organisation she acts for — its staff alone see, count and
 *   change its secret sportelli. Nobody else, instance admin included.
 */
export interface Viewer {
  scope: Scope;
  own: string | null;
  sharing: 'all' | readonly string[];
  /** Networks her organisation belongs to (any role). */
  networks: readonly string[];
  /** Networks she coordinates: her organisation is their capofila and she acts as network_coordinator. */
  ledNetworks: readonly string[];
}

export async function viewerOf(db: DbOrTx, scope: Scope): Promise<Viewer> {
  const own = scope.principal.organisation?.id ?? null;
  const links = own
    ? await db.select({ networkId: networkMembers.networkId, isCapofila: networkMembers.isCapofila }).from(networkMembers).where(eq(networkMembers.organisationId, own))
    : [];
  const networks = links.map((l) => l.networkId);
  const ledNetworks = scope.principal.organisationRole === 'network_coordinator' ? links.filter((l) => l.isCapofila).map((l) => l.networkId) : [];
  let sharing: Viewer['sharing'] = 'all';
  if (scope.organisationIds !== 'all') {
    const members = networks.length
      ? await db.selectDistinct({ id: networkMembers.organisationId }).from(networkMembers).where(inArray(networkMembers.networkId, networks))
      : [];
    sharing = [...new Set([...(own ? [own] : []), ...scope.organisationIds, ...members.map((m) => m.id)])];
  }
  return { scope, own, sharing, networks, ledNetworks };
}

/** Matches no row (an empty circle). */
export const NOTHING = sql`false`;

/** SQL: the organisation column is among those the viewer shares a network with. */
export function sharingCondition(v: Viewer, column: AnyPgColumn): SQL | undefined {
  if (v.sharing === 'all') return undefined;
  return v.sharing.length ? inArray(column, [...v.sharing]) : NOTHING;
}

/** SQL: the organisation column is within the viewer's scope (what she administers). */
export function scopeCondition(v: Viewer, column: AnyPgColumn): SQL | undefined {
  const ids = v.scope.organisationIds;
  if (ids === 'all') return undefined;
  return ids.length ? inArray(column, [...ids]) : NOTHING;
}

/** SQL: the sportelli the viewer may see (the heart of the directory's confidentiality). */
export function visibleSportelli(v: Viewer): SQL {
  const conditions: (SQL | undefined)[] = [eq(sportelli.visibility, 'public')];
  const reservedOrgs = sharingCondition(v, sportelli.organisationId);
  conditions.push(reservedOrgs ? and(eq(sportelli.visibility, 'reserved'), reservedOrgs) : eq(sportelli.visibility, 'reserved'));
  if (v.own) conditions.push(and(eq(sportelli.visibility, 'secret'), eq(sportelli.organisationId, v.own)));
  return or(...conditions)!;
}

/** SQL: the sportelli the viewer may change — in her scope, and secret ones only when they are her own organisation's. */
export function writableSportelli(v: Viewer): SQL | undefined {
  const inScope = scopeCondition(v, sportelli.organisationId);
  const secret = v.own ? or(ne(sportelli.visibility, 'secret'), eq(sportelli.organisationId, v.own)) : ne(sportelli.visibility, 'secret');
  return and(inScope, secret);
}

/** The viewer sees the reserved 1522 transfer number of this organisation's sportelli: its staff, its coordinator, the admin. */
export function seesTransferPhone(v: Viewer, organisationId: string): boolean {
  return scopeCovers(v.scope, organisationId);
}

/** The viewer may change this organisation's directory entries (profile, sportelli). */
export function administers(v: Viewer, organisationId: string): boolean {
  return scopeCovers(v.scope, organisationId);
}
