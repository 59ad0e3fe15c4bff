import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { coordinationSet } from '../../../shared/coordination.api';
import { ApiError } from '../../api/client';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { caseKey } from './cases.api';
import { useCaseLabels } from './cases.labels';
import type { CaseRecord } from './cases.types';
import { type Coordination, coordinationKey, setCoordination, useCoordination } from './coordination.api';

/** Who coordinates the plan and team, for whoever holds the case. */
export function CoordinationBadge({ coordination }: { coordination: CaseRecord['coordination'] }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  return (
    <p className="mb-3">
      <span className="badge bg-primary me-2">{t('cases.coordination.badge')}</span>
      {coordination.since
        ? t('cases.coordination.handedSince', { organisation: coordination.organisation.name, since: formatDate(coordination.since, lang) })
        : t('cases.coordination.byOwner', { organisation: coordination.organisation.name })}
    </p>
  );
}

const schema = z.object({ organisationId: blank(coordinationSet.shape.organisationId.unwrap()) });

/**
 * The owning organisation's head hands the coordination to an organisation
 * that accepted a referral covering the plan, or takes it back. The server
 * decides again (409 if the referral no longer holds, 412 if the case
 * changed meanwhile: the current state is read again).
 */
export function CoordinationControl({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useCoordination(caseId);
  const [message, setMessage] = useState<string | null>(null);
  const form = useSchemaForm(schema, { defaultValues: { organisationId: '' } });
  const done = (value: Coordination, text: string) => {
    client.setQueryData(coordinationKey(caseId), value);
    void client.invalidateQueries({ queryKey: caseKey(caseId) });
    setMessage(text);
  };
  const change = useMutation({
    mutationFn: (to: { id: string | null; name: string }) => setCoordination(caseId, current.data?.version ?? 0, to.id),
    onMutate: () => setMessage(null),
    onSuccess: (value, to) => {
      form.reset({ organisationId: '' });
      done(value, to.id ? t('cases.coordination.handed', { organisation: to.name }) : t('cases.coordination.takenBack'));
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.code === 'precondition_failed' || error.status === 409)) void current.refetch();
    },
  });
  const fields = { organisationId: { id: 'coordination-organisation', label: t('cases.coordination.to') } };
  const messages = useFormMessages(form.formState.errors, change.error, fields);

  if (current.isPending) return <Loading />;
  if (current.isError) return <ProblemAlert error={current.error} />;
  const { coordination, candidates } = current.data;
  const handed = coordination.since !== null;
  const options = candidates.filter((c) => c.eligible && c.organisation.id !== coordination.organisation.id);
  const submit = form.handleSubmit((v) => {
    const to = options.find((o) => o.organisation.id === v.organisationId);
    if (to) change.mutate({ id: to.organisation.id, name: to.organisation.name });
  });

  return (
    <section className="mt-4" aria-labelledby="coordination-title">
      <h3 id="coordination-title" className="h5">
        {t('cases.coordination.title')}
      </h3>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={change.error} />
      <CoordinationBadge coordination={coordination} />
      {handed ? (
        <ConfirmButton
          variant="primary"
          label={t('cases.coordination.takeBack')}
          question={t('cases.coordination.takeBackQuestion', { organisation: coordination.organisation.name })}
          pending={change.isPending}
          onConfirm={() => change.mutate({ id: null, name: '' })}
        />
      ) : null}
      <form noValidate onSubmit={submit} className="mt-3 case-form" aria-labelledby="coordination-hand-title">
        <h4 id="coordination-hand-title" className="h6">
          {t('cases.coordination.handTitle')}
        </h4>
        <p>{t('cases.coordination.hint')}</p>
        <ErrorSummary id="coordination-errors" items={messages.summary} />
        <SelectField
          {...fields.organisationId}
          placeholder={options.length ? t('common.choose') : t('cases.coordination.noCandidates')}
          options={options.map((o) => ({ value: o.organisation.id, label: o.organisation.name }))}
          error={messages.at('organisationId')}
          {...form.register('organisationId')}
        />
        <button type="submit" className="btn btn-primary" disabled={change.isPending || options.length === 0} aria-busy={change.isPending}>
          {t('cases.coordination.hand')}
        </button>
      </form>
    </section>
  );
}
