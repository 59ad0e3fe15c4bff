import { useMe } from '../../api/session';
import { useRecipientOrganisations } from './cases.api';
import type { Named } from './cases.types';

/**
 * Organisations an action of the plan may be entrusted to: her own first,
 * then those of her networks' directory (no perpetrator programme, as for
 * sharing consents), plus the current owner of an action being changed
 * when the directory does not list it (so the select never drops it).
 */
export function useOwnerOptions(enabled: boolean, current?: Named) {
  const own = useMe().data?.organisation ?? undefined;
  const directory = useRecipientOrganisations(enabled);
  const all: Named[] = [];
  for (const o of [own, current, ...(directory.data ?? [])]) {
    if (o && !all.some((x) => x.id === o.id)) all.push({ id: o.id, name: o.name });
  }
  return { ownId: own?.id ?? '', options: all.map((o) => ({ value: o.id, label: o.name })), error: directory.error };
}
