import type { OrganisationType } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
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
      errors: [{ pointer: `/body/networkIds/${missing}`, code: 'unknown_network' }],
    });
  }
}

const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));

export function createOrganisation(ctx: AppContext, scope: Scope, input: OrganisationInput, requestId: string) {
  return write(ctx, async (tx) => {
    await checkNetworks(tx, input.networkIds);
    const id = await repo.insertOrganisation(tx, { name: input.name, type: input.type });
    await repo.setOrganisationNetworks(tx, id, input.networkIds);
    await writeAudit(tx, actedBy(scope, requestId, 'organisation.create', { type: 'organisation', id }));
    return (await repo.findOrganisation(tx, scope, id))!;
  });
}

export function updateOrganisation(ctx: AppContext, scope: Scope, id: string, input: Partial<OrganisationInput>, requestId: string) {
  return write(ctx, async (tx) => {
    if (!(await repo.findOrganisation(tx, scope, id))) throw resourceNotFound('organisation', id);
    if (input.networkIds) {
      await checkNetworks(tx, input.networkIds);
      await repo.setOrganisationNetworks(tx, id, input.networkIds);
    }
    await repo.updateOrganisationRow(tx, id, { name: input.name, type: input.type });
    await writeAudit(tx, actedBy(scope, requestId, 'organisation.update', { type: 'organisation', id }));
    return (await repo.findOrganisation(tx, scope, id))!;
  });
}

export function createNetwork(ctx: AppContext, scope: Scope, input: { name: string; capofilaOrganisationId?: string | undefined }, requestId: string) {
  return write(ctx, async (tx) => {
    if (input.capofilaOrganisationId && !(await repo.findOrganisation(tx, scope, input.capofilaOrganisationId))) {
      throw new AppError('validation_failed', {
        errors: [{ pointer: '/body/capofilaOrganisationId', code: 'unknown_organisation' }],
      });
    }
    const id = await repo.insertNetwork(tx, input);
    await writeAudit(tx, actedBy(scope, requestId, 'network.create', { type: 'network', id }));
    return id;
  });
}
