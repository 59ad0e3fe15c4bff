import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { useDirectoryNetworks, useProfiles, type Named } from './directory.api';

/**
 * What she may change, as the server's scope computes it (scope.ts): the
 * instance admin everything; a coordinator the organisations of the
 * networks her organisation leads as capofila; a head her own
 * organisation. Only to offer the right choices: the server decides.
 */
export function useManageable() {
  const me = useMe().data;
  const networks = useDirectoryNetworks();
  const profiles = useProfiles({ page: 1, pageSize: 100 });
  const own = me?.organisation?.id ?? null;
  const admin = !!me?.user.isInstanceAdmin;
  const led = new Set(
    me?.role === 'network_coordinator' ? (networks.data?.items ?? []).filter((n) => n.capofila && n.capofila.id === own).map((n) => n.id) : [],
  );
  const organisations: Named[] = can(me, permissions.directoryManage)
    ? (profiles.data?.items ?? [])
        .filter((p) => admin || p.id === own || p.networks.some((n) => led.has(n.id)))
        .map((p) => ({ id: p.id, name: p.name }))
    : [];
  return {
    pending: networks.isPending || profiles.isPending,
    organisations,
    /** She may change this organisation's entries. */
    managesOrganisation: (id: string) => organisations.some((o) => o.id === id),
    /** She may change this network (its comuni and 1522 referents). */
    managesNetwork: (id: string) => can(me, permissions.directoryNetworkManage) && (admin || led.has(id)),
  };
}
