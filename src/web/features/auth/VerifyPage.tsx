import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../ui/PageHeading';
import { AuthCard } from './AuthCard';
import { CodeForm } from './CodeForm';

/** Step 2 of 2 for someone already enrolled: the code from her app. */
export function VerifyPage() {
  const { t } = useTranslation();
  return (
    <AuthCard>
      <PageHeading>{t('auth.verify.title')}</PageHeading>
      <p>{t('auth.verify.intro')}</p>
      <CodeForm />
      <p className="mt-4 mb-0">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </AuthCard>
  );
}
