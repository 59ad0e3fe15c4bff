import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { fetchEnrolment } from './auth.api';
import { AuthCard } from './AuthCard';
import { CodeForm } from './CodeForm';

/** "ABCDEFGH…" as "ABCD EFGH …": easier to copy by hand into an app. */
export function groupSecret(secret: string): string[] {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];
}

/**
 * First login: set up the authenticator app (QR code or the key typed by
 * hand), then confirm with a first code.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  const enrolment = useQuery({
    queryKey: ['auth', 'enrolment'],
    queryFn: fetchEnrolment,
    // The secret must not linger in memory after the page is left.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

  return (
    <AuthCard>
      <PageHeading>{t('auth.enrol.title')}</PageHeading>
      <p>{t('auth.enrol.intro')}</p>
      <ol className="enrol-steps">
        <li>{t('auth.enrol.step1')}</li>
        <li>{t('auth.enrol.step2')}</li>
        <li>{t('auth.enrol.step3')}</li>
      </ol>
      {enrolment.isPending ? <Loading /> : null}
      <ProblemAlert error={enrolment.error} />
      {enrolment.data ? (
        <div className="enrol-box my-4">
          <img
            src={enrolment.data.qrDataUrl}
            alt={t('auth.enrol.qrAlt')}
            className="enrol-qr"
            width={200}
            height={200}
          />
          <div>
            <p className="mb-1">{t('auth.enrol.secretLabel')}</p>
            <p className="enrol-secret">
              {groupSecret(enrolment.data.secret).map((block, i) => (
                <code key={i}>{block}</code>
              ))}
            </p>
            <p className="small mb-0">
              <a href={enrolment.data.otpauthUri}>{t('auth.enrol.openApp')}</a>
            </p>
          </div>
        </div>
      ) : null}
      <CodeForm />
      <p className="mt-4 mb-0">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </AuthCard>
  );
}
