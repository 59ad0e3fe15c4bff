import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import { formatDateTime } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { UserAccountActions } from './UserAccountActions';
import { UserMemberships } from './UserMemberships';
import { UserStatus } from './UserStatus';
import { useUser } from './users.api';

/** One account: its data, its roles per organisation, and what an admin may change. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id } = useParams();
  const me = useMe().data;
  const user = useUser(id);
  const canManage = can(me, permissions.userManage);

  if (user.isPending) return <Loading />;
  if (user.isError || !user.data) {
    return (
      <>
        <PageHeading>{t('users.detailTitle')}</PageHeading>
        <ProblemAlert error={user.error} />
        <Link to="/admin/utenti">{t('users.backToList')}</Link>
      </>
    );
  }
  const u = user.data;

  return (
    <>
      <p className="mb-2">
        <Link to="/admin/utenti">{t('users.backToList')}</Link>
      </p>
      <PageHeading>{u.displayName}</PageHeading>
      <dl className="row">
        <dt className="col-sm-4 col-lg-3">{t('users.fields.username')}</dt>
        <dd className="col-sm-8 col-lg-9">{u.username}</dd>
        <dt className="col-sm-4 col-lg-3">{t('users.fields.status')}</dt>
        <dd className="col-sm-8 col-lg-9">
          <UserStatus user={u} />
        </dd>
        {u.isInstanceAdmin ? (
          <>
            <dt className="col-sm-4 col-lg-3">{t('users.fields.instanceRole')}</dt>
            <dd className="col-sm-8 col-lg-9">{labels.role('instance_admin')}</dd>
          </>
        ) : null}
        <dt className="col-sm-4 col-lg-3">{t('users.fields.createdAt')}</dt>
        <dd className="col-sm-8 col-lg-9">{formatDateTime(u.createdAt, labels.lang)}</dd>
      </dl>
      <UserMemberships user={u} canManage={canManage} />
      {canManage ? <UserAccountActions key={u.id} user={u} isSelf={me?.user.id === u.id} /> : null}
    </>
  );
}
