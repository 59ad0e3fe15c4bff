import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WorkloadFilters } from '../../../shared/tasks.api';

/**
 * The caseload filters the head's workload links to (home page → caseload):
 * in the address with Italian names, like the other filters, and never
 * anything about a woman (a member of staff's id at most).
 */
const names = { open: 'aperti', emergency: 'emergenza', member: 'persona', unstaffed: 'senza_equipe', overdue: 'scadute', highRisk: 'rischio_alto' } as const;
const flags = ['open', 'emergency', 'unstaffed', 'overdue', 'highRisk'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workload filters read from the address (anything garbled is left out). */
export function workloadFiltersOf(params: URLSearchParams): WorkloadFilters {
  const out: WorkloadFilters = {};
  for (const f of flags) if (params.get(names[f]) === '1') out[f] = true;
  const member = params.get(names.member);
  if (member && UUID.test(member)) out.member = member;
  return out;
}

/** The address of the caseload with these filters. */
export function workloadLink(filters: WorkloadFilters): string {
  const params = new URLSearchParams();
  for (const f of flags) if (filters[f]) params.set(names[f], '1');
  if (filters.member) params.set(names.member, filters.member);
  return `/percorsi?${params.toString()}`;
}

/** The workload filters' address parameters, to keep them when the caseload's own filters change. */
export function workloadParamsOf(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(Object.values(names).flatMap((n) => (params.get(n) ? [[n, params.get(n)!]] : [])));
}

/** Says which workload filters hold the list (they have no field of their own), with a way out. */
export function WorkloadFilterNotice({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const active = workloadFiltersOf(params);
  const parts = [...flags.filter((f) => active[f]), ...(active.member ? (['member'] as const) : [])];
  if (!parts.length) return null;
  const without = new URLSearchParams(params);
  for (const n of Object.values(names)) without.delete(n);
  without.delete('pagina');
  const rest = without.toString();
  return (
    <div className="callout note mb-4" data-testid="workload-filters">
      <div className="callout-inner">
        <p className="mb-1">{t('cases.caseload.workload.intro', { filters: parts.map((p) => t(`cases.caseload.workload.${p}`)).join(', ') })}</p>
        <Link to={rest ? `/percorsi?${rest}` : '/percorsi'}>{t('cases.caseload.workload.clear')}</Link>
      </div>
    </div>
  );
}
