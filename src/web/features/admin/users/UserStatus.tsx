import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types';

/** Account state in words (not colour alone): active/disabled, second factor set up or not. */
export function UserStatus({ user }: { user: Pick<User, 'disabled' | 'mfaEnrolled'> }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex flex-wrap gap-1">
      <Badge color={user.disabled ? 'secondary' : 'success'}>
        {user.disabled ? t('users.status.disabled') : t('users.status.active')}
      </Badge>
      <Badge color="light" className="text-dark border">
        {user.mfaEnrolled ? t('users.status.mfaEnrolled') : t('users.status.mfaPending')}
      </Badge>
    </div>
  );
}
