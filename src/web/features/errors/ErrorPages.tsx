import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('errors.notFound.title')}</PageHeading>
      <p>{t('errors.notFound.text')}</p>
      <Link to="/">{t('errors.backHome')}</Link>
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('errors.forbidden.title')}</PageHeading>
      <p>{t('errors.forbidden.text')}</p>
      <Link to="/">{t('errors.backHome')}</Link>
    </>
  );
}

/** The server could not tell who is signed in (down, unreachable). */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('errors.unavailable.title')}</PageHeading>
      <ProblemAlert error={error} />
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        {t('errors.unavailable.retry')}
      </button>
    </>
  );
}
