import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';

/** The pages of the directory, each opened by its permission (the server checks again). */
const tabs = [
  { to: '/rete/servizi', label: 'directory.tabs.sportelli', permission: permissions.directoryRead },
  { to: '/rete/organizzazioni-servizi', label: 'directory.tabs.profiles', permission: permissions.directoryRead },
  { to: '/rete/reti', label: 'directory.tabs.networks', permission: permissions.directoryRead },
  { to: '/rete/standard', label: 'directory.tabs.standards', permission: permissions.directoryStandards },
  { to: '/rete/storico', label: 'directory.tabs.history', permission: permissions.directoryHistory },
  { to: '/rete/importa', label: 'directory.tabs.import', permission: permissions.directoryImport },
] as const;

/**
 * The directory's own navigation, under the page title: links (not ARIA
 * tabs), so each page has its address and the current one is announced
 * by aria-current.
 */
export function DirectoryTabs() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <nav aria-label={t('directory.tabs.label')} className="mb-4">
      <ul className="nav nav-tabs directory-tabs">
        {tabs
          .filter((tab) => can(me, tab.permission))
          .map((tab) => (
            <li className="nav-item" key={tab.to}>
              <NavLink to={tab.to} className="nav-link">
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
