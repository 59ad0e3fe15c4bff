import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { can } from '../api/session';
import type { Me } from '../api/types';
import { PendingReferralsCount } from '../features/referrals/PendingReferralsCount';
import { Icon } from '../ui/Icon';
import { sections } from './sections';

/**
 * The main navigation: only the sections her permissions open. On small
 * screens Bootstrap Italia collapses it behind a menu button; its own script
 * is not loaded, so the open/closed state lives here.
 */
export function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggler = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  // Close the menu after a navigation.
  useEffect(() => setOpen(false), [location.pathname]);

  // On small screens the open menu covers the toggler: focus goes into the
  // panel, and back to the toggler when it is closed.
  const close = () => {
    setOpen(false);
    toggler.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    if (closer.current?.offsetParent) closer.current.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const items = [
    { to: '/', label: t('nav.home'), end: true },
    ...sections.filter((s) => can(me, s.permission)).map((s) => ({ to: s.to, label: t(s.navLabel), end: false })),
  ];

  return (
    <div className="it-header-navbar-wrapper">
      <div className="container">
        <div className="row">
          <div className="col-12">
            <nav className="navbar navbar-expand-lg" aria-label={t('nav.label')}>
              <button
                ref={toggler}
                className="custom-navbar-toggler"
                type="button"
                aria-controls="main-nav"
                aria-expanded={open}
                onClick={() => setOpen((v) => !v)}
              >
                <Icon name="it-burger" />
                <span className="visually-hidden">{t('nav.toggle')}</span>
              </button>
              <div id="main-nav" className={`navbar-collapsable ${open ? 'expanded' : ''}`} style={open ? { display: 'block' } : undefined}>
                <div className="overlay" style={open ? { display: 'block' } : undefined} onClick={close} />
                <div className="close-div">
                  <button ref={closer} className="btn close-menu" type="button" onClick={close}>
                    <Icon name="it-close-big" />
                    <span className="visually-hidden">{t('nav.close')}</span>
                  </button>
                </div>
                <div className="menu-wrapper">
                  <ul className="navbar-nav">
                    {items.map((item) => (
                      <li className="nav-item" key={item.to}>
                        <NavLink to={item.to} end={item.end} className="nav-link">
                          <span>{item.label}</span>
                          {item.to === '/invii' ? <PendingReferralsCount /> : null}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </nav>
          </div>
        </div>
      </div>
    </div>
  );
}
