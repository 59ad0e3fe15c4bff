import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import type { CaseRecord } from '../cases/cases.types';

/**
 * From a case's page, the way to bring it to a multi-agency review: only
 * where her organisation owns the case (the server decides again: an act
 * of the owning organisation at the choke point).
 */
export function BringToReviewLink({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!record.access.acts.editRecord || !can(me, permissions.reviewBring)) return null;
  return (
    <p>
      <Link to={`/revisioni?percorso=${encodeURIComponent(record.id)}`}>{t('reviews.fromCase')}</Link>
    </p>
  );
}
