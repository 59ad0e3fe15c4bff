import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useInstance } from '../api/session';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import { DemoBanner } from './DemoBanner';

/** Focus the main content without putting `#main` in the router's URL. */
function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** The frame of every screen, the login included. */
export function Layout() {
  const { t } = useTranslation();
  const demo = useInstance().data?.demo ?? false;
  return (
    <div className="app-frame">
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#main" onClick={skipToMain}>
          {t('a11y.skipToContent')}
        </a>
      </div>
      {demo ? <DemoBanner /> : null}
      <AppHeader />
      <main id="main" tabIndex={-1} className="container py-5 app-main">
        <Outlet />
      </main>
      <AppFooter />
    </div>
  );
}
