import { useTranslation } from 'react-i18next';
import { useInstance } from '../api/session';

export function AppFooter() {
  const { t } = useTranslation();
  const instance = useInstance().data;
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container py-4">
          <p className="h5 mb-2 text-white">{instance?.name ?? 'Trama'}</p>
          <p className="mb-0 text-white">{t('footer.about')}</p>
        </div>
      </div>
      <div className="it-footer-small-prints">
        <div className="container py-3">
          <p className="mb-0 small text-white">
            {instance ? t('footer.version', { version: instance.version }) : 'Trama'} · {t('footer.licence')}
          </p>
        </div>
      </div>
    </footer>
  );
}
