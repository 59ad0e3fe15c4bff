import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { PageHeading } from '../../ui/PageHeading';
import { CoordinationControl } from './CoordinationPanel';
import { TeamManager } from './TeamManager';
import './cases.css';

/** The head staffs a case from the caseload, without opening it, and hands its coordination over or takes it back. */
export function TeamPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const code = (useLocation().state as { code?: string } | null)?.code;
  return (
    <>
      <PageHeading>{code ? t('cases.team.pageTitleFor', { code }) : t('cases.team.pageTitle')}</PageHeading>
      <p>{t('cases.team.pageIntro')}</p>
      <TeamManager caseId={id} code={code} />
      <CoordinationControl caseId={id} />
      <p className="mt-5">
        <Link to="/percorsi">{t('cases.backToCaseload')}</Link>
      </p>
    </>
  );
}
