import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseSection } from '../../../shared/cases';
import { colleagueAdd } from '../../../shared/coordination.api';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { caseKey } from './cases.api';
import { useCaseLabels } from './cases.labels';
import { addColleague, type Colleagues, removeColleague, useColleagues } from './coordination.api';
import { inSectionOrder, useSectionsText } from './TeamList';

const schema = colleagueAdd.extend({ userId: blank(colleagueAdd.shape.userId), sections: colleagueAdd.shape.sections.unwrap() });

/**
 * The coordinating organisation staffs its own share: its members on the
 * team, a colleague added with sections within the referral's (all of them
 * to start with), a member removed. The server refuses anything beyond.
 */
export function ColleaguesManager({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const sectionsText = useSectionsText();
  const client = useQueryClient();
  const list = useColleagues(caseId);
  const [message, setMessage] = useState<string | null>(null);
  const form = useSchemaForm(schema, { defaultValues: { userId: '', sections: [] } });
  const done = (value: Colleagues, text: string) => {
    client.setQueryData([...caseKey(caseId), 'team', 'colleagues'], value);
    void client.invalidateQueries({ queryKey: caseKey(caseId), exact: true });
    setMessage(text);
  };
  const add = useMutation({
    mutationFn: (v: { userId: string; sections: CaseSection[]; name: string }) => addColleague(caseId, { userId: v.userId, sections: v.sections }),
    onMutate: () => setMessage(null),
    onSuccess: (value, v) => {
      form.reset({ userId: '', sections: value.share });
      done(value, t('cases.team.added', { name: v.name }));
    },
  });
  const remove = useMutation({
    mutationFn: (m: { userId: string; displayName: string }) => removeColleague(caseId, m.userId),
    onMutate: () => setMessage(null),
    onSuccess: (value, m) => done(value, t('cases.team.removed', { name: m.displayName })),
  });
  const fields = {
    userId: { id: 'colleague-user', label: t('cases.team.colleague') },
    sections: { id: `colleague-sections-${inSectionOrder(list.data?.share ?? [])[0] ?? ''}`, label: t('cases.coordination.sectionsLegend') },
  };
  const messages = useFormMessages(form.formState.errors, add.error, fields);

  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemAlert error={list.error} />;
  const { share, members, candidates } = list.data;
  const submit = form.handleSubmit((v) => {
    const chosen = candidates.find((c) => c.userId === v.userId);
    if (chosen) add.mutate({ userId: v.userId, sections: v.sections, name: chosen.displayName });
  });

  return (
    <section className="mt-4" aria-labelledby="colleagues-title">
      <h3 id="colleagues-title" className="h5">
        {t('cases.coordination.colleaguesTitle')}
      </h3>
      <p>{t('cases.coordination.colleaguesIntro', { sections: sectionsText(share) })}</p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={remove.error} />
      <ul>
        {members.map((m) => (
          <li key={m.userId} className="mb-2">
            {m.displayName} — {sectionsText(m.sections)}{' '}
            {m.self ? null : (
              <ConfirmButton
                label={t('cases.team.remove', { name: m.displayName })}
                question={t('cases.team.removeQuestion', { name: m.displayName })}
                pending={remove.isPending}
                onConfirm={() => remove.mutate(m)}
              />
            )}
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={submit} className="case-form" aria-labelledby="colleague-add-title">
        <h4 id="colleague-add-title" className="h6">
          {t('cases.team.addTitle')}
        </h4>
        <ErrorSummary id="colleague-errors" items={messages.summary} />
        <SelectField
          {...fields.userId}
          placeholder={candidates.length ? t('common.choose') : t('cases.team.noCandidates')}
          options={candidates.map((c) => ({ value: c.userId, label: c.displayName }))}
          error={messages.at('userId')}
          {...form.register('userId', { onChange: () => form.setValue('sections', form.getValues('sections').length ? form.getValues('sections') : share) })}
        />
        <Controller
          control={form.control}
          name="sections"
          render={({ field }) => (
            <CheckboxGroup
              id="colleague-sections"
              legend={fields.sections.label}
              options={labels.options('section', inSectionOrder(share))}
              values={field.value ?? []}
              onChange={field.onChange}
              error={messages.at('sections')}
            />
          )}
        />
        <button type="submit" className="btn btn-primary" disabled={add.isPending || candidates.length === 0} aria-busy={add.isPending}>
          {t('cases.team.add')}
        </button>
      </form>
    </section>
  );
}
