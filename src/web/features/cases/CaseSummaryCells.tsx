import { useTranslation } from 'react-i18next';
import { formatDayShort, formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { CaseSummary } from './cases.types';
import { EmergencyBadge, RiskBadge } from './CaseBadges';

/** The column heads a case summary's row starts with: code, name, stage, risk, last contact, referente. */
export function SummaryHeadCells() {
  const { t } = useTranslation();
  return (
    <>
      {(['code', 'alias', 'stage', 'risk', 'lastContact', 'referente'] as const).map((field) => (
        <th key={field} scope="col">
          {t(`cases.fields.${field}`)}
        </th>
      ))}
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
