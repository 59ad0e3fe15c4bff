import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { optional, todayInRome } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { TeamMember } from './cases.types';
import { decisionIds, MeetingDecision, type DecisionDraft } from './MeetingDecision';
import { useOwnerOptions } from './plan.owners';
import type { ActionFields, MeetingInput, PlanGoal } from './plan.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';
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
  const nextKey = useRef(1);
  const [f, setF] = useState({ on: todayInRome(), participants: [] as string[], minutes: '' });
  const [decisions, setDecisions] = useState<DecisionDraft[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...useCaseErrors(error), ...local };
  const fieldIds: Record<string, string> = { on: 'plan-meeting-on', participantUserIds: 'plan-meeting-participants', minutes: 'plan-meeting-minutes' };
  decisions.forEach((d, i) => {
    for (const [field, id] of Object.entries(decisionIds(PREFIX, d.key))) fieldIds[`decisions.${i}.${field}`] = id;
  });
  const goalOptions = goals.map((g, i) => ({ value: g.id, label: t('cases.plan.goalTitle', { n: i + 1, area: labels.label('planArea', g.area) }) }));

  const addDecision = () => {
    const key = nextKey.current++;
    setDecisions((prev) => [...prev, { key, goalId: goals.length === 1 ? (goals[0]?.id ?? '') : '', type: '', owner: owners.ownId, dueOn: '' }]);
    focus(decisionIds(PREFIX, key).goalId);
  };
  const removeDecision = (key: number) => {
    setDecisions((prev) => prev.filter((d) => d.key !== key));
    setLocal({});
    focus(ADD_DECISION_ID);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const required = t('cases.errors.required');
    if (!f.on) found.on = required;
    else if (f.on > todayInRome()) found.on = t('cases.errors.future');
    const actions: ActionFields[] = [];
    decisions.forEach((d, i) => {
      const owner = d.owner || owners.ownId;
      if (!d.goalId) found[`decisions.${i}.goalId`] = t('cases.plan.decisionGoalRequired', { n: i + 1 });
      if (!isCode('actionType', d.type)) found[`decisions.${i}.type`] = t('cases.plan.decisionTypeRequired', { n: i + 1 });
      else if (d.goalId && owner) actions.push({ goalId: d.goalId, type: d.type, ownerOrganisationId: owner, dueOn: d.dueOn || null, status: 'prevista', description: null });
      if (!owner) found[`decisions.${i}.ownerOrganisationId`] = required;
    });
    setLocal(found);
    if (Object.keys(found).length) return;
    const minutes = optional(f.minutes);
    onSubmit({ on: f.on, participantUserIds: f.participants, ...(minutes ? { minutes } : {}), decisions: actions });
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-labelledby="plan-meeting-form-title">
      <h4 id="plan-meeting-form-title" className="h6">
        {t('cases.plan.addMeetingTitle')}
      </h4>
      <ErrorSummary id="plan-meeting-errors" items={summaryItems(errors, fieldIds)} />
      <ProblemAlert error={owners.error} />
      <TextField id="plan-meeting-on" type="date" max={todayInRome()} label={t('cases.plan.meetingOn')} value={f.on} onChange={(e) => setF({ ...f, on: e.currentTarget.value })} error={errors.on} />
      <CheckboxGroup
        id="plan-meeting-participants"
        legend={t('cases.plan.participants')}
        hint={t('cases.plan.participantsHint')}
        options={team.map((m) => ({ value: m.userId, label: `${m.displayName} (${m.organisation.name})` }))}
        values={f.participants}
        onChange={(participants) => setF({ ...f, participants })}
        error={errors.participantUserIds}
        emptyText={t('cases.team.empty')}
      />
      <div className="fieldset-gap">
        <TextAreaField id="plan-meeting-minutes" label={t('cases.plan.minutes')} hint={t('cases.plan.minutesHint')} rows={5} value={f.minutes} maxLength={10_000} onChange={(e) => setF({ ...f, minutes: e.currentTarget.value })} error={errors.minutes} />
      </div>

      <h5 className="fs-6 fw-semibold">{t('cases.plan.decisions')}</h5>
      <p className="form-text">{goals.length ? t('cases.plan.decisionsHint') : t('cases.plan.decisionsNeedGoal')}</p>
      {decisions.map((d, i) => (
        <MeetingDecision
          key={d.key}
          draft={d}
          n={i + 1}
          prefix={PREFIX}
          goals={goalOptions}
          owners={owners.options}
          errors={{
            goalId: errors[`decisions.${i}.goalId`],
            type: errors[`decisions.${i}.type`],
            ownerOrganisationId: errors[`decisions.${i}.ownerOrganisationId`],
            dueOn: errors[`decisions.${i}.dueOn`],
          }}
          onChange={(next) => setDecisions((prev) => prev.map((x) => (x.key === d.key ? next : x)))}
          onRemove={() => removeDecision(d.key)}
        />
      ))}
      {goals.length ? (
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
