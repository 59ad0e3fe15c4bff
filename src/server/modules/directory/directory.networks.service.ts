import { type AccessibilityFeature, type AlboStatus, type DirectoryService, referentOrganisationTypes } from '../../../shared/directory.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { recordChange } from './directory.changes.js';
import * as networksRepo from './directory.networks.repo.js';
import * as profilesRepo from './directory.profiles.repo.js';
import { STANDARD_WINDOW_DAYS, checkStandards } from './directory.standards.js';
import { viewerOf } from './directory.viewer.js';

/**
 * Writes on networks (territory, 1522 referents) and on organisation
 * profiles: version-checked, validated as a whole, history and audit in
 * the same transaction.
 */

const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));

/** Reads: plain queries on the viewer's circle, nothing to audit (no personal data, no secret). */
export async function listNetworks(ctx: AppContext, scope: Scope) {
  const { db } = ctx.database;
  return { items: await networksRepo.listNetworks(db, await viewerOf(db, scope)) };
}

export async function getNetwork(ctx: AppContext, scope: Scope, id: string) {
  const { db } = ctx.database;
  const found = await networksRepo.findNetwork(db, await viewerOf(db, scope), id);
  if (!found) throw resourceNotFound('network', id);
  return found;
}

export async function listProfiles(ctx: AppContext, scope: Scope, query: profilesRepo.ProfileQuery) {
  const { db } = ctx.database;
  return profilesRepo.listProfiles(db, await viewerOf(db, scope), query);
}

export async function getProfile(ctx: AppContext, scope: Scope, id: string) {
  const { db } = ctx.database;
  const found = await profilesRepo.findProfile(db, await viewerOf(db, scope), id);
  if (!found) throw resourceNotFound('organisation', id);
  return found;
}

/** The minimum-standard flags of the CAV in the caller's scope (a coordinator her networks'; a head her own; the admin all). */
export async function standardsReport(ctx: AppContext, scope: Scope, network: string | undefined, at: Date) {
  const { db } = ctx.database;
  const inputs = await profilesRepo.cavStandardInputs(db, await viewerOf(db, scope), network);
  return {
    at,
    days: STANDARD_WINDOW_DAYS,
    items: inputs.map((c) => ({ organisation: c.organisation, ...checkStandards(c.sportelli, at, STANDARD_WINDOW_DAYS, c.profile), ...c.profile })),
  };
}

export interface NetworkPatch {
  name?: string | undefined;
  comuni?: string[] | undefined;
  referentSportelloId?: string | null | undefined;
  referentOverrides?: { comune: string; sportelloId: string }[] | undefined;
}


/** Every problem of a network change at once, each with its pointer. */
async function checkNetworkPatch(tx: Tx, networkId: string, comuni: string[], patch: NetworkPatch): Promise<FieldIssue[]> {
  const errors: FieldIssue[] = [];
  if (patch.comuni) {
    const exist = await networksRepo.existingComuni(tx, patch.comuni);
    const taken = await networksRepo.comuniTakenElsewhere(tx, networkId, patch.comuni);
    patch.comuni.forEach((code, i) => {
      const pointer = `/body/comuni/${i}`;
      if (patch.comuni!.indexOf(code) !== i) errors.push({ pointer, code: 'duplicate' });
      else if (!exist.has(code)) errors.push({ pointer, code: 'unknown_comune' });
      else if (taken.has(code)) errors.push({ pointer, code: 'comune_taken' });
    });
  }
  const wanted = [...(patch.referentSportelloId ? [patch.referentSportelloId] : []), ...(patch.referentOverrides ?? []).map((o) => o.sportelloId)];
  const candidates = await networksRepo.referentCandidates(tx, networkId, wanted);
  const referentIssue = (id: string): FieldIssue['code'] | null => {
    const type = candidates.get(id);
    if (type === undefined) return 'invalid_referent';
    return referentOrganisationTypes.includes(type) ? null : 'referent_not_a_service';
  };
  const mainIssue = patch.referentSportelloId ? referentIssue(patch.referentSportelloId) : null;
  if (mainIssue) errors.push({ pointer: '/body/referentSportelloId', code: mainIssue });
  (patch.referentOverrides ?? []).forEach((o, i) => {
    const pointer = `/body/referentOverrides/${i}`;
    if (patch.referentOverrides!.findIndex((x) => x.comune === o.comune) !== i) {
      errors.push({ pointer: `${pointer}/comune`, code: 'duplicate' });
    } else if (!comuni.includes(o.comune)) {
      errors.push({ pointer: `${pointer}/comune`, code: 'comune_not_in_network' });
    }
    const issue = referentIssue(o.sportelloId);
    if (issue) errors.push({ pointer: `${pointer}/sportelloId`, code: issue });
  });
  return errors;
}

export function updateNetwork(ctx: AppContext, scope: Scope, id: string, version: number, patch: NetworkPatch, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const row = await networksRepo.findManagedNetwork(tx, v, id);
    if (!row) throw resourceNotFound('network', id);
    if (row.version !== version) throw new AppError('precondition_failed');
    const comuni = patch.comuni ?? row.territory.map((t) => t.comune);
    const errors = await checkNetworkPatch(tx, id, comuni, patch);
    if (errors.length) throw new AppError('validation_failed', { errors });

    // Overrides: replaced when given; otherwise kept for the comuni that stay.
    const kept = new Map(row.territory.filter((t) => t.sportelloId).map((t) => [t.comune, t.sportelloId!]));
    const overrides = patch.referentOverrides ? new Map(patch.referentOverrides.map((o) => [o.comune, o.sportelloId])) : kept;
    const territory = [...comuni].sort().map((comune) => ({ comune, sportelloId: overrides.get(comune) ?? null }));
    const after = {
      name: patch.name ?? row.name,
      referentSportelloId: patch.referentSportelloId !== undefined ? patch.referentSportelloId : row.referentSportelloId,
    };
    if (!(await networksRepo.updateNetworkRow(tx, id, version, after))) throw new AppError('precondition_failed');
    await networksRepo.replaceTerritory(tx, id, territory);

    const snapshot = (name: string, referent: string | null, t: { comune: string; sportelloId: string | null }[]) => ({
      name,
      referentSportelloId: referent,
      comuni: t.map((x) => x.comune).sort(),
      referentOverrides: t.filter((x) => x.sportelloId).map((x) => ({ comune: x.comune, sportelloId: x.sportelloId })),
    });
    await recordChange(
      tx,
      { actorUserId: scope.principal.userId, source: 'user', entityType: 'network', entityId: id, organisationId: null, networkId: id },
      'update',
      snapshot(row.name, row.referentSportelloId, row.territory),
      snapshot(after.name, after.referentSportelloId, territory),
    );
    await writeAudit(tx, actedBy(scope, requestId, 'directory.network_update', { type: 'network', id }));
    return (await networksRepo.findNetwork(tx, v, id))!;
  });
}

export interface ProfilePatch {
  legalName?: string | null | undefined;
  albo?: { status: AlboStatus | null; date: string | null } | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  website?: string | null | undefined;
  services?: DirectoryService[] | undefined;
  languages?: string[] | undefined;
  accessibility?: AccessibilityFeature[] | undefined;
  lineLinkedEmergencyRoom?: boolean | null | undefined;
  lineLinkedPolice?: boolean | null | undefined;
  womenOnlyStaff?: boolean | null | undefined;
}

export function updateProfile(ctx: AppContext, scope: Scope, id: string, version: number, patch: ProfilePatch, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const row = await profilesRepo.findManagedProfile(tx, v, id);
    if (!row) throw resourceNotFound('organisation', id);
    if (row.version !== version) throw new AppError('precondition_failed');
    const before: profilesRepo.ProfileValues = {
      legalName: row.legalName,
      alboStatus: row.alboStatus as AlboStatus | null,
      alboDate: row.alboDate,
      email: row.email,
      phone: row.phone,
      website: row.website,
      services: row.services,
      languages: row.languages,
      accessibility: row.accessibility,
      lineLinkedEmergencyRoom: row.lineLinkedEmergencyRoom,
      lineLinkedPolice: row.lineLinkedPolice,
      womenOnlyStaff: row.womenOnlyStaff,
    };
    const { albo, ...rest } = patch;
    const after: profilesRepo.ProfileValues = {
      ...before,
      ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
      ...(albo ? { alboStatus: albo.status, alboDate: albo.date } : {}),
    };
    if (!(await profilesRepo.updateProfile(tx, id, version, after))) throw new AppError('precondition_failed');
    await recordChange(
      tx,
      { actorUserId: scope.principal.userId, source: 'user', entityType: 'organisation', entityId: id, organisationId: id, networkId: null },
      'update',
      { ...before },
      { ...after },
    );
    await writeAudit(tx, actedBy(scope, requestId, 'directory.organisation_update', { type: 'organisation', id }));
    return (await profilesRepo.findProfile(tx, v, id))!;
  });
}
