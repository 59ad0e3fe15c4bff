import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { formatDayLong, formatInstant } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { CaseRecord } from './cases.types';
import { EmergencyBadge, RiskBadge, StageBadge } from './CaseBadges';
import { DeadlinesList } from './DeadlinesList';
import { EmergencyWhy } from './EmergencyWhy';
import { tabSlugs } from './case.tabs';
import { SafeContactBox } from './SafeContactBox';
import { StageActions } from './StageActions';

/** The case at a glance: how to reach her safely first, then risk, stage and deadlines. */
export function SummaryTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const me = useMe().data;
  const sees = (s: CaseRecord['access']['sections'][number]) => record.access.sections.includes(s);
  return (
    <>
      {sees('identity') ? <SafeContactBox safeContact={record.safeContact} identity={record.identity} /> : null}

      <section aria-labelledby="case-now-title" className="mt-4">
        <h2 id="case-now-title" className="h5">
          {t('cases.summary.now')}
        </h2>
        <dl className="case-facts">
          <dt>{t('cases.fields.risk')}</dt>
          <dd>
            <span className="d-inline-flex flex-wrap gap-1">
              <RiskBadge level={record.riskLevel} />
              {record.emergency ? <EmergencyBadge /> : null}
            </span>
            {record.emergencyBy ? <EmergencyWhy record={record} /> : null}
            {/* The level comes from the latest assessment: where it is made and explained. */}
            {sees('risk') ? (
              <Link to={`?scheda=${tabSlugs.risk}`} className="d-block">
                {t('risk.summaryLink')}
              </Link>
            ) : null}
          </dd>
          <dt>{t('cases.fields.stage')}</dt>
          <dd>
            <StageBadge stage={record.stage} />
            {record.closureOutcome ? ` — ${labels.label('outcome', record.closureOutcome)}` : ''}
          </dd>
          <dt>{t('cases.fields.lastContact')}</dt>
          <dd>{record.lastContactAt ? formatInstant(record.lastContactAt, lang) : t('cases.summary.noContact')}</dd>
          <dt>{t('cases.fields.comune')}</dt>
          <dd>{record.comune ? `${record.comune.name} (${record.comune.provinceSigla})` : t('cases.summary.notGiven')}</dd>
          <dt>{t('cases.fields.network')}</dt>
          <dd>{record.network?.name ?? t('cases.summary.notGiven')}</dd>
          <dt>{t('cases.fields.organisation')}</dt>
          <dd>{record.organisation.name}</dd>
        </dl>
      </section>

      <section aria-labelledby="case-stages-title" className="mt-4">
        <h2 id="case-stages-title" className="h5">
          {t('cases.summary.history')}
        </h2>
        <ol className="case-stage-history">
          {record.stages.map((s, i) => (
            <li key={`${s.stage}-${s.on}-${i}`}>
              {t(s.reopened ? 'cases.summary.reopenedOn' : 'cases.summary.stageOn', { stage: labels.label('stage', s.stage), date: formatDayLong(s.on, lang) })}
              {s.outcome ? ` — ${labels.label('outcome', s.outcome)}` : ''}
            </li>
          ))}
        </ol>
        {can(me, permissions.caseWrite) && record.access.acts.changeStage ? <StageActions record={record} /> : null}
      </section>

      {sees('profile') ? <DeadlinesList deadlines={record.deadlines} /> : null}
    </>
  );
}
