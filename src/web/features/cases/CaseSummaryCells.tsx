import { useTranslation } from 'react-i18next';
import { caseloadDefaultOrder, type CaseloadSort } from '../../../shared/cases.api';
import { formatDayShort, formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { CaseSummary } from './cases.types';
import { EmergencyBadge, RiskBadge } from './CaseBadges';

/** The columns that order the caseload (her name is sealed: it orders nothing). */
const sortOf: Partial<Record<string, CaseloadSort>> = { code: 'code', stage: 'stage', risk: 'risk', lastContact: 'lastContact' };

export interface SummarySort {
  by: CaseloadSort;
  order: 'asc' | 'desc';
  onSort: (by: CaseloadSort, order: 'asc' | 'desc') => void;
}

/**
 * The column heads a case summary's row starts with: code, name, stage,
 * risk, last contact, referente. With `sort`, the heads that can order the
 * list are buttons, and the ordering one says how (aria-sort).
 */
export function SummaryHeadCells({ sort }: { sort?: SummarySort } = {}) {
  const { t } = useTranslation();
  return (
    <>
      {(['code', 'alias', 'stage', 'risk', 'lastContact', 'referente'] as const).map((field) => {
        const by = sortOf[field];
        const label = t(`cases.fields.${field}`);
        if (!sort || !by) {
          return (
            <th key={field} scope="col">
              {label}
            </th>
          );
        }
        const active = sort.by === by;
        const next = active ? (sort.order === 'asc' ? 'desc' : 'asc') : caseloadDefaultOrder[by];
        return (
          <th key={field} scope="col" aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
            <button type="button" className="btn btn-link p-0 fw-semibold text-start sort-button" onClick={() => sort.onSort(by, next)}>
              {label}
              <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
            </button>
          </th>
        );
      })}
    </>
  );
}

/** The risk and emergency cells and the last contact of a case summary, alike in the caseload and in the search results. */
export function RiskAndContactCells({ c }: { c: Pick<CaseSummary, 'riskLevel' | 'emergency' | 'lastContactAt' | 'contactOn'> }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  return (
    <>
      <td>
        <span className="d-inline-flex flex-wrap gap-1">
          <RiskBadge level={c.riskLevel} />
          {c.emergency ? <EmergencyBadge /> : null}
        </span>
      </td>
      <td>{c.lastContactAt ? formatInstant(c.lastContactAt, lang) : t('cases.caseload.firstContactOn', { date: formatDayShort(c.contactOn, lang) })}</td>
    </>
  );
}
