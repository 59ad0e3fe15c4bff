import type { OrganisationType } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import { writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { isUniqueViolation, type Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './organisations.repo.js';

interface OrganisationInput {
  name: string;
  type: OrganisationType;
  networkIds: string[];
}

async function checkNetworks(tx: Tx, ids: string[]) {
  const found = await repo.existingNetworkIds(tx, ids);
  const missing = ids.findIndex((id) => !found.includes(id));
  if (missing >= 0) {
    throw new AppError('validation_failed', {
      errors: [{ pointer: `/body/networkIds/${missing}`, code: 'unknown_network', detail: 'Rete inesistente / unknown network' }],
    });
  }
}

/** Runs a write in one transaction and maps a duplicate name to 409. */
async function write<T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.database.db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict');
    throw err;
  }
}

export function createOrganisation(ctx: AppContext, scope: Scope, input: OrganisationInput, requestId: string) {
  return write(ctx, async (tx) => {
    await checkNetworks(tx, input.networkIds);
    const id = await repo.insertOrganisation(tx, { name: input.name, type: input.type });
    await repo.setOrganisationNetworks(tx, id, input.networkIds);
    await writeAudit(tx, {
      action: 'organisation.create',
      outcome: 'success',
      actorUserId: scope.principal.userId,
      actorOrganisationId: scope.principal.organisation?.id,
      resourceType: 'organisation',
      resourceId: id,
      requestId,
    });
    return (await repo.findOrganisation(tx, scope, id))!;
  });
}

export function updateOrganisation(ctx: AppContext, scope: Scope, id: string, input: Partial<OrganisationInput>, requestId: string) {
  return write(ctx, async (tx) => {
    if (!(await repo.findOrganisation(tx, scope, id))) throw new AppError('not_found');
    if (input.networkIds) {
      await checkNetworks(tx, input.networkIds);
      await repo.setOrganisationNetworks(tx, id, input.networkIds);
    }
    await repo.updateOrganisationRow(tx, id, { name: input.name, type: input.type });
    await writeAudit(tx, {
      action: 'organisation.update',
      outcome: 'success',
      actorUserId: scope.principal.userId,
      actorOrganisationId: scope.principal.organisation?.id,
      resourceType: 'organisation',
      resourceId: id,
      requestId,
    });
    return (await repo.findOrganisation(tx, scope, id))!;
  });
}

export function createNetwork(ctx: AppContext, scope: Scope, input: { name: string; capofilaOrganisationId?: string | undefined }, requestId: string) {
  return write(ctx, async (tx) => {
    if (input.capofilaOrganisationId && !(await repo.findOrganisation(tx, scope, input.capofilaOrganisationId))) {
      throw new AppError('validation_failed', {
        errors: [{ pointer: '/body/capofilaOrganisationId', code: 'unknown_organisation', detail: 'Organizzazione inesistente / unknown organisation' }],
      });
    }
    const id = await repo.insertNetwork(tx, input);
    await writeAudit(tx, {
      action: 'network.create',
      outcome: 'success',
      actorUserId: scope.principal.userId,
      actorOrganisationId: scope.principal.organisation?.id,
      resourceType: 'network',
      resourceId: id,
      requestId,
    });
    return id;
  });
}
