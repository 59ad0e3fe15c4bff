import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import type { CaseRecord } from './cases.types';
import { TeamList } from './TeamList';
import { TeamManager } from './TeamManager';

/** Who works on the case; the owning organisation's head also staffs it here. */
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
      {manages ? <TeamManager caseId={record.id} code={record.code} /> : <TeamList team={record.team} caption={t('cases.team.captionFor', { code: record.code })} />}
    </section>
  );
}
