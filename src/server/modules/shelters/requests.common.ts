import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/problems.js';
import type { CriterionLevel } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { CaseErasedError } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers, organisations } from '../organisations/index.js';
import { REQUESTING_ORGANISATION_TYPES } from './shelters.policy.js';

/** Helpers the placement requests' services share (docs/shelters.md, "Placement requests and matching"). */

export const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

export interface ActingOrganisation {
  id: string;
  name: string;
  type: string;
}

/** The organisation she acts for, when it may request placements (the policy says the same; an instance admin never). */
export function requestingOrganisation(scope: Scope): ActingOrganisation {
  const { organisation, isInstanceAdmin } = scope.principal;
  if (!organisation) throw new AppError('organisation_required');
  if (isInstanceAdmin || !(REQUESTING_ORGANISATION_TYPES as readonly string[]).includes(organisation.type)) throw new AppError('forbidden');
  return organisation;
}

/** The organisation she acts for, whatever its type (the structure's side: its rows decide). */
export function actingOrganisation(scope: Scope): ActingOrganisation {
  const { organisation, isInstanceAdmin } = scope.principal;
  if (!organisation || isInstanceAdmin) throw new AppError('organisation_required');
  return organisation;
}

/** The networks an organisation belongs to (a structure must serve one of them to be matched or asked). */
export async function networksOf(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db.select({ id: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, organisationId));
  return rows.map((r) => r.id);
}

/** True when `id` is a social service (servizio_sociale) in one of `networkIds`. */
export async function isSocialServiceOf(db: DbOrTx, id: string, networkIds: readonly string[]): Promise<boolean> {
  if (!networkIds.length) return false;
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .innerJoin(networkMembers, eq(networkMembers.organisationId, organisations.id))
    .where(and(eq(organisations.id, id), eq(organisations.type, 'servizio_sociale'), inArray(networkMembers.networkId, [...networkIds])))
    .limit(1);
  return !!row;
}

/** A short reference for screens and notifications: never personal, never derived from her. */
export function requestCode(now = new Date()): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(6);
  return `OSP-${now.getUTCFullYear()}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** The latest risk assessment's final level, read as the `rischio_recidiva` criterion (elevato and imminente are high). */
export function recidivismOf(finalLevel: string | null | undefined): CriterionLevel | null {
  if (finalLevel === 'basso') return 'basso';
  if (finalLevel === 'medio') return 'medio';
  if (finalLevel === 'elevato' || finalLevel === 'imminente') return 'alto';
  return null;
}

// Notes are sealed: with the linked case's key (erasing the case erases them), else with the requesting organisation's.
const noteContext = (field: 'request' | 'decline', id: string) => `placement_${field}.note:${id}`;

export async function sealNote(
  ctx: AppContext,
  db: DbOrTx,
  owner: { organisationId: string; caseId: string | null },
  field: 'request' | 'decline',
  id: string,
  value: string | null | undefined,
): Promise<string | null> {
  if (value === null || value === undefined) return null;
  const plain = JSON.stringify(value);
  if (!owner.caseId) return ctx.crypto.encrypt(db, owner.organisationId, plain, noteContext(field, id));
  try {
    return await ctx.crypto.encryptForCase(db, { caseId: owner.caseId, organisationId: owner.organisationId }, plain, noteContext(field, id));
  } catch (error) {
    if (error instanceof CaseErasedError) throw new AppError('case_erased');
    throw error;
  }
}

/** Opens a note; one under an erased case's key reads as absent. */
export async function openNote(ctx: AppContext, db: DbOrTx, field: 'request' | 'decline', id: string, sealed: string | null): Promise<string | null> {
  if (!sealed) return null;
  try {
    return JSON.parse(await ctx.crypto.decrypt(db, sealed, noteContext(field, id))) as string;
  } catch (error) {
    if (error instanceof CaseErasedError) return null;
    throw error;
  }
}
