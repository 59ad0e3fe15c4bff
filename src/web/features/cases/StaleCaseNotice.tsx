import { useTranslation } from 'react-i18next';
import { isStale } from './cases.write';

/** A stale write: said plainly, after the current version has been loaded. */
export function StaleCaseNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isStale(error)) return null;
  return (
    <div className="callout danger mb-4" role="alert" data-testid="stale-notice">
      <div className="callout-inner">
        <div className="callout-title">
          <span className="text">{t('cases.stale.title')}</span>
        </div>
        <p className="mb-0">{t('cases.stale.text')}</p>
      </div>
    </div>
  );
}
