import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { permissions } from '../../../api/permissions';
import { can, useMe } from '../../../api/session';
import type { Organisation } from '../../../api/types';
import { formatDate } from '../../../ui/format';
import { useLabels } from '../../../ui/labels';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { OrganisationForm } from './OrganisationForm';
import {
  createOrganisation,
  organisationsKey,
  updateOrganisation,
  useOrganisation,
  type OrganisationInput,
} from './organisations.api';

/** After a save: back to the list, which says what was saved. */
function useSaved() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return (org: Organisation) => {
    void client.invalidateQueries({ queryKey: organisationsKey });
    void navigate('/admin/organizzazioni', { state: { saved: org.name } });
  };
}

export function OrganisationCreatePage() {
  const { t } = useTranslation();
  const onSaved = useSaved();
  const mutation = useMutation({ mutationFn: createOrganisation, onSuccess: onSaved });
  return (
    <>
      <PageHeading>{t('organisations.createTitle')}</PageHeading>
      <OrganisationForm pending={mutation.isPending} error={mutation.error} onSubmit={(input) => mutation.mutate(input)} />
    </>
  );
}

/** One organisation: an edit form for whoever may manage, details otherwise. */
export function OrganisationEditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id } = useParams();
  const me = useMe().data;
  const org = useOrganisation(id);
  const onSaved = useSaved();
  const mutation = useMutation({
    mutationFn: (input: OrganisationInput) => updateOrganisation(id ?? '', input),
    onSuccess: onSaved,
  });
  const canManage = can(me, permissions.organisationManage);

  if (org.isPending) return <Loading />;
  if (org.isError || !org.data) {
    return (
      <>
        <PageHeading>{t('organisations.detailTitle')}</PageHeading>
        <ProblemAlert error={org.error} />
        <Link to="/admin/organizzazioni">{t('organisations.backToList')}</Link>
      </>
    );
  }

  return (
    <>
      <PageHeading>{org.data.name}</PageHeading>
      {canManage ? (
        <OrganisationForm
          key={org.data.id}
          initial={org.data}
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={(input) => mutation.mutate(input)}
        />
      ) : (
        <>
          <dl className="row">
            <dt className="col-sm-3">{t('organisations.fields.type')}</dt>
            <dd className="col-sm-9">{labels.organisationType(org.data.type)}</dd>
            <dt className="col-sm-3">{t('organisations.fields.networks')}</dt>
            <dd className="col-sm-9">{org.data.networks.map((n) => n.name).join(', ') || '—'}</dd>
            <dt className="col-sm-3">{t('organisations.fields.createdAt')}</dt>
            <dd className="col-sm-9">{formatDate(org.data.createdAt, labels.lang)}</dd>
          </dl>
          <Link to="/admin/organizzazioni">{t('organisations.backToList')}</Link>
        </>
      )}
    </>
  );
}
