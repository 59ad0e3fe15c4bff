import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { createSportello, deleteSportello, directoryKey, updateSportello, useRecordSaved, useSportello, type Sportello } from './directory.api';
import { DirectoryTabs } from './DirectoryTabs';
import { changedFields, emptyValues, fieldsOfSportello, valuesOfSportello, type SportelloFormOutput } from './sportello.form';
import { SportelloForm } from './SportelloForm';
import { SportelloNow, VisibilityBadge } from './SportelloState';
import { StaleNotice } from './StaleNotice';
import { useManageable } from './useManageable';
import './directory.css';

export function SportelloCreatePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const manageable = useManageable();
  const mutation = useMutation({
    mutationFn: ({ organisationId = '', ...fields }: SportelloFormOutput) => createSportello({ ...fields, organisationId }),
    onSuccess: (s) => {
      void client.invalidateQueries({ queryKey: directoryKey });
      void navigate(`/rete/servizi/${s.id}`, { state: { saved: s.name } });
    },
  });
  const only = manageable.organisations.length === 1 ? manageable.organisations[0]!.id : '';
  return (
    <>
      <PageHeading>{t('directory.sportello.createTitle')}</PageHeading>
      <DirectoryTabs />
      {manageable.pending ? (
        <Loading />
      ) : (
        <SportelloForm
          key={only}
          initial={emptyValues(only)}
          organisations={manageable.organisations}
          readOnly={false}
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={(fields) => mutation.mutate(fields)}
        />
      )}
    </>
  );
}

/** One sportello: its state now, the edit form (read-only when she may not change it), deletion. */
export function SportelloEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const client = useQueryClient();
  const navigate = useNavigate();
  const sportello = useSportello(id);
  const manageable = useManageable();
  const onSaved = useRecordSaved('sportello');
  const save = useMutation({
    mutationFn: ({ current, fields }: { current: Sportello; fields: SportelloFormOutput }) =>
      updateSportello(current.id, current.version, changedFields(fieldsOfSportello(current), fields)),
    onSuccess: onSaved,
  });
  const remove = useMutation({
    mutationFn: (current: Sportello) => deleteSportello(current.id, current.version),
    onSuccess: (_, current) => {
      void client.invalidateQueries({ queryKey: directoryKey });
      void navigate('/rete/servizi', { state: { deleted: current.name } });
    },
  });

  if (sportello.isPending) return <Loading />;
  if (sportello.isError) {
    return (
      <>
        <PageHeading>{t('directory.sportello.title')}</PageHeading>
        <ProblemAlert error={sportello.error} />
        <Link to="/rete/servizi">{t('directory.sportelli.backToList')}</Link>
      </>
    );
  }
  const s = sportello.data;
  const readOnly = !manageable.managesOrganisation(s.organisation.id);
  const reload = () => {
    save.reset();
    remove.reset();
    void sportello.refetch();
  };

  return (
    <>
      <PageHeading>{s.name}</PageHeading>
      <DirectoryTabs />
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <VisibilityBadge visibility={s.visibility} />
        <span>
          {s.organisation.name} — {s.comune.name} ({s.comune.provinceSigla})
        </span>
      </div>
      <div className="mb-4" data-testid="sportello-now">
        <SportelloNow sportello={s} />
      </div>
      {save.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('directory.sportello.saved')}
        </p>
      ) : null}
      {readOnly && !manageable.pending ? <p className="fst-italic">{t('directory.sportello.readOnly')}</p> : null}
      <StaleNotice error={save.error ?? remove.error} onReload={reload} />
      <SportelloForm
        // A new version (saved, or reloaded after a conflict) starts the form afresh.
        key={`${s.id}:${s.version}:${readOnly}`}
        initial={valuesOfSportello(s)}
        organisationName={s.organisation.name}
        readOnly={readOnly || manageable.pending}
        pending={save.isPending}
        error={save.error}
        onSubmit={(fields) => save.mutate({ current: s, fields })}
      />
      {readOnly ? null : (
        <section className="mt-5" aria-labelledby="sportello-delete-title">
          <h2 id="sportello-delete-title" className="h5">
            {t('directory.sportello.deleteTitle')}
          </h2>
          <p>{t('directory.sportello.deleteText')}</p>
          <ProblemAlert error={remove.error} />
          <ConfirmButton label={t('directory.sportello.delete')} question={t('directory.sportello.deleteQuestion', { name: s.name })} pending={remove.isPending} onConfirm={() => remove.mutate(s)} />
        </section>
      )}
    </>
  );
}
