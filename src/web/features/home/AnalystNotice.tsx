import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Icon } from '../../ui/Icon';

/**
 * The observatory analyst's home page until the statistics module exists:
 * what she can read today (the 1522 call counts) and that the pathways'
 * anonymous statistics are still to come — said, not left as an empty page.
 */
export function AnalystNotice() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <section aria-labelledby="home-analyst" className="mt-5" data-testid="analyst-notice">
      <div className="callout note">
        <div className="callout-inner">
          <h2 id="home-analyst" className="callout-title h5">
            <Icon name="it-info-circle" />
            <span className="text">{t('home.analyst.title')}</span>
          </h2>
          <p>{t('home.analyst.text')}</p>
          {can(me, permissions.routingCallsSummary) ? (
            <p className="mb-0">
              <Link to="/rete/chiamate-1522">{t('home.analyst.calls')}</Link>
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
