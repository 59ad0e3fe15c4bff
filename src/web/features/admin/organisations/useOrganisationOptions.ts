import type { OrganisationType } from '../../../../shared/domain';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { useOrganisations } from './organisations.api';

/** How many organisations a picker lists; a network has far fewer. */
const pickerSize = 100;

/**
 * Organisations to choose from in user forms and filters: all of them for
 * whoever may read the directory, otherwise only the one she acts for.
 */
export function useOrganisationOptions(): { value: string; label: string; type: OrganisationType }[] {
  const me = useMe().data;
  const canList = can(me, permissions.organisationRead);
  const list = useOrganisations({ page: 1, pageSize: pickerSize }, canList);
  if (canList) return (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name, type: o.type }));
  return me?.organisation ? [{ value: me.organisation.id, label: me.organisation.name, type: me.organisation.type }] : [];
}
