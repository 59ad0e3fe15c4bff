import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MEETING_MAX_DECISIONS, meetingCreate } from '../../../shared/plan.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm, type FormField } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { TeamMember } from './cases.types';
import { MeetingDecision, type DecisionField } from './MeetingDecision';
import { meetingForm } from './plan.form';
import { useOwnerOptions } from './plan.owners';
import type { MeetingInput, PlanGoal } from './plan.types';
import { useFocusAfter } from './useFocusAfter';

const PREFIX = 'plan-meeting-decision';
const ADD_DECISION_ID = 'plan-meeting-add-decision';

/**
 * An équipe meeting: when, who of the case team took part, the minutes
 * (sealed), and its decisions, each saved as an action of the plan in the
 * same request.
 */
export function MeetingForm({ goals, team, pending, error, onSubmit, onCancel }: { goals: PlanGoal[]; team: TeamMember[]; pending: boolean; error: unknown; onSubmit: (input: MeetingInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const owners = useOwnerOptions(true);
  const focus = useFocusAfter();
  const form = useSchemaForm(meetingForm, { defaultValues: { on: todayInRome(), participantUserIds: [], minutes: '', decisions: [] } });
  const decisions = useFieldArray({ control: form.control, name: 'decisions' });
  const own = {
    on: { id: 'plan-meeting-on', label: t('cases.plan.meetingOn') },
    participantUserIds: { id: 'plan-meeting-participants', label: t('cases.plan.participants') },
    minutes: { id: 'plan-meeting-minutes', label: t('cases.plan.minutes') },
  };
  // Each decision's fields: ids from the item's own key (stable when one above is taken away), labels that say which decision.
  const decisionFields = decisions.fields.map((item, i): Record<DecisionField, FormField> => {
    const of = (suffix: string, label: string) => ({ id: `${PREFIX}-${item.id}-${suffix}`, label: t('cases.plan.decisionField', { n: i + 1, field: label }) });
    return { goalId: of('goal', t('cases.plan.goal')), type: of('type', t('cases.plan.actionType')), ownerOrganisationId: of('owner', t('cases.plan.owner')), dueOn: of('due-on', t('cases.plan.dueOn')) };
  });
  const fields: Record<string, FormField> = {
    ...own,
    decisions: { id: ADD_DECISION_ID, label: t('cases.plan.decisions') },
    ...Object.fromEntries(decisionFields.flatMap((d, i) => Object.entries(d).map(([name, field]) => [`decisions.${i}.${name}`, field]))),
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const goalOptions = goals.map((g, i) => ({ value: g.id, label: t('cases.plan.goalTitle', { n: i + 1, area: labels.label('planArea', g.area) }) }));

  const addDecision = () =>
    decisions.append(
      { goalId: goals.length === 1 ? (goals[0]?.id ?? '') : '', type: '', ownerOrganisationId: owners.ownId, dueOn: '' },
      { focusName: `decisions.${decisions.fields.length}.goalId` },
    );
  const removeDecision = (index: number) => {
    decisions.remove(index);
    focus(ADD_DECISION_ID);
  };

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-labelledby="plan-meeting-form-title">
      <h4 id="plan-meeting-form-title" className="h6">
        {t('cases.plan.addMeetingTitle')}
      </h4>
      <ErrorSummary id="plan-meeting-errors" items={messages.summary} />
      <ProblemAlert error={owners.error} />
      <TextField id={own.on.id} type="date" max={todayInRome()} label={own.on.label} {...form.register('on')} error={messages.at('on')} />
      <Controller
        control={form.control}
        name="participantUserIds"
        render={({ field }) => (
          <CheckboxGroup
            id={own.participantUserIds.id}
            legend={own.participantUserIds.label}
            hint={t('cases.plan.participantsHint')}
            options={team.map((m) => ({ value: m.userId, label: `${m.displayName} (${m.organisation.name})` }))}
            values={field.value ?? []}
            onChange={field.onChange}
            error={messages.at('participantUserIds')}
            emptyText={t('cases.team.empty')}
          />
        )}
      />
      <div className="fieldset-gap">
        <TextAreaField
          id={own.minutes.id}
          label={own.minutes.label}
          hint={t('cases.plan.minutesHint')}
          rows={5}
          maxLength={maxLengthOf(meetingCreate.shape.minutes)}
          {...form.register('minutes')}
          error={messages.at('minutes')}
        />
      </div>

      <h5 className="fs-6 fw-semibold">{t('cases.plan.decisions')}</h5>
      <p className="form-text">{goals.length ? t('cases.plan.decisionsHint') : t('cases.plan.decisionsNeedGoal')}</p>
      {decisions.fields.map((item, i) => (
        <MeetingDecision
          key={item.id}
          index={i}
          fields={decisionFields[i]!}
          goals={goalOptions}
          owners={owners.options}
          register={form.register}
          errorAt={(field) => messages.at(`decisions.${i}.${field}`)}
          onRemove={() => removeDecision(i)}
        />
      ))}
      {goals.length && decisions.fields.length < MEETING_MAX_DECISIONS ? (
        <button id={ADD_DECISION_ID} type="button" className="btn btn-sm btn-outline-primary mb-4" onClick={addDecision}>
          {t('cases.plan.addDecision')}
        </button>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('cases.plan.saveMeeting')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
