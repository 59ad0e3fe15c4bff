import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import type { CaseRecord } from './cases.types';
import { TeamList } from './TeamList';
import { TeamManager } from './TeamManager';
import { ColleaguesManager } from './ColleaguesManager';
import { CoordinationBadge, CoordinationControl } from './CoordinationPanel';

/** Who works on the case and who coordinates it; the owning organisation's head staffs it and hands the coordination here. */
export function TeamTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const manages = can(me, permissions.caseTeam) && record.access.owner;
  return (
    <section aria-labelledby="case-team-title">
      <h2 id="case-team-title" className="h5">
        {t('cases.team.title')}
      </h2>
      <p>{manages ? t('cases.team.intro') : t('cases.team.introMember')}</p>
      {manages ? null : <CoordinationBadge coordination={record.coordination} />}
      {manages ? <TeamManager caseId={record.id} code={record.code} /> : <TeamList team={record.team} caption={t('cases.team.captionFor', { code: record.code })} />}
      {/* Who coordinates: the owning organisation's head hands it over; the coordinating organisation staffs its own share. */}
      {manages ? <CoordinationControl caseId={record.id} /> : null}
      {record.access.acts.manageOwnColleagues ? <ColleaguesManager caseId={record.id} /> : null}
    </section>
  );
}
