import { useTranslation } from 'react-i18next';
import { isStale } from './cases.write';

/**
 * A stale write: said plainly, after the current version has been loaded.
 * `text` names what changed when it is a part (the plan), not the case.
 */
export function StaleCaseNotice({ error, text }: { error: unknown; text?: string }) {
  const { t } = useTranslation();
  if (!isStale(error)) return null;
  return (
    <div className="callout danger mb-4" role="alert" data-testid="stale-notice">
      <div className="callout-inner">
        <div className="callout-title">
          <span className="text">{t('cases.stale.title')}</span>
        </div>
        <p className="mb-0">{text ?? t('cases.stale.text')}</p>
      </div>
    </div>
  );
}
