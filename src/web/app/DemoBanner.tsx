import { useTranslation } from 'react-i18next';

/**
 * Shown on every screen of a demo instance, login included, so nobody
 * mistakes it for a real one and types a real person's data into it.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="demo-banner" data-testid="demo-banner" role="note">
      <div className="container">
        <strong>{t('demo.banner')}</strong>
      </div>
    </div>
  );
}
