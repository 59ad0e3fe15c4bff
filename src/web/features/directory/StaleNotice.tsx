import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** A stale version: say so plainly and offer to load the current one (her edits are lost, as she is told). */
export function StaleNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'precondition_failed') return null;
  return (
    <div className="callout danger mb-4" data-testid="stale-notice">
      <div className="callout-inner">
        <div className="callout-title">
          <span className="text">{t('directory.stale.title')}</span>
        </div>
        <p>{t('directory.stale.text')}</p>
        <button type="button" className="btn btn-sm btn-primary" onClick={onReload}>
          {t('directory.stale.reload')}
        </button>
      </div>
    </div>
  );
}
