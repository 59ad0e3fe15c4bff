import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me } from '../api/types';
import { useLogout } from '../features/auth/useLogout';
import { Icon } from '../ui/Icon';

/**
 * Who is signed in and for which organisation, the organisation switch
 * (only with several memberships) and "Esci". Kept always visible rather
 * than hidden in a drop-down: signing out must be one obvious click away.
 */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className="user-menu d-flex align-items-center flex-wrap gap-2 gap-md-3">
      <span className="d-none d-md-inline-flex align-items-center gap-1">
        <Icon name="it-user" className="icon-sm icon-white" />
        <span>
          {me.user.displayName}
          {me.organisation ? <span className="user-menu-org"> · {me.organisation.name}</span> : null}
        </span>
      </span>
      {me.memberships.length > 1 ? (
        <Link to="/scegli-organizzazione" className="user-menu-link">
          {t('header.switchOrganisation')}
        </Link>
      ) : null}
      <Link to="/cambia-password" className="user-menu-link">
        {t('header.changePassword')}
      </Link>
      <button
        type="button"
        className="btn btn-sm btn-outline-light user-menu-logout"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        {t('header.logout')}
      </button>
    </div>
  );
}
