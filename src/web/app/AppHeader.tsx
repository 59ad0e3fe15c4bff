import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { needsOrganisationChoice, useInstance, useMe } from '../api/session';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { UserMenu } from './UserMenu';

/**
 * Bootstrap Italia header: the slim bar (instance name, language, the
 * signed-in person), the centre bar (product name) and, once signed in,
 * the navigation bar.
 */
export function AppHeader() {
  const { t } = useTranslation();
  const instance = useInstance().data;
  const me = useMe().data ?? null;

  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="navbar-brand">{instance?.name ?? 'Trama'}</span>
                <div className="it-header-slim-right-zone gap-3">
                  <LanguageSwitch />
                  {me && !needsOrganisationChoice(me) && !me.passwordChangeRequired ? <NotificationBell /> : null}
                  {me ? <UserMenu me={me} /> : null}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper it-small-header">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/">
                      <div className="it-brand-text">
                        <div className="it-brand-title">Trama</div>
                        <div className="it-brand-tagline d-none d-md-block">{t('header.tagline')}</div>
                      </div>
                    </Link>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        {me && !needsOrganisationChoice(me) ? <MainNav me={me} /> : null}
      </div>
    </header>
  );
}
