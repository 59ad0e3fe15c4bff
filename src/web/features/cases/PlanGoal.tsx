import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { daysFromToday, formatDayLong } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { ActionForm } from './ActionForm';
import { GoalForm } from './GoalForm';
import type { PlanWrite } from './plan.api';
import type { PlanAction, PlanGoal as Goal } from './plan.types';
import type { PartEditor } from './usePartEditor';

/** What the plan's parts share: the one open form, the one write, and what she may change. */
export interface PlanControls {
  editor: PartEditor;
  save: UseMutationResult<unknown, Error, PlanWrite>;
  /** The plan section and the write permission: goals and new actions (reviews and meetings too). */
  full: boolean;
  /** Updating actions: the plan or the work/housing section, with the write permission. */
  mayUpdateActions: boolean;
}

/** An action still to do whose day has passed. */
export const isOverdue = (a: Pick<PlanAction, 'dueOn' | 'status'>) => !!a.dueOn && (a.status === 'prevista' || a.status === 'in_corso') && daysFromToday(a.dueOn) < 0;

/** A goal of the plan with its actions; editing either in place. */
export function PlanGoal({ goal, n, ctl, meetingOn }: { goal: Goal; n: number; ctl: PlanControls; meetingOn: (id: string) => string | undefined }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { editor, save } = ctl;
  const editGoalId = `plan-goal-edit-${goal.id}`;
  const addActionId = `plan-action-add-${goal.id}`;
  const title = t('cases.plan.goalTitle', { n, area: labels.label('planArea', goal.area) });

  return (
    <div className="case-part" data-testid="plan-goal">
      <h3 className="h6">{title}</h3>
      {editor.editing === `goal:${goal.id}` ? (
        <GoalForm
          key={`${goal.id}:${goal.version}`}
          goal={goal}
          prefix={`plan-goal-${n}`}
          pending={save.isPending}
          error={save.error}
          onCancel={() => editor.close(editGoalId)}
          onSubmit={(fields) => save.mutate({ kind: 'goal', target: goal, fields }, { onSuccess: () => editor.done(t('cases.plan.goalSaved'), editGoalId) })}
        />
      ) : (
        <>
          <p className="mb-1">
            {t('cases.plan.statusIs')} <strong>{labels.label('goalStatus', goal.status)}</strong>
          </p>
          {goal.description ? <p className="case-notes">{goal.description}</p> : null}
          {ctl.full ? (
            <button id={editGoalId} type="button" className="btn btn-sm btn-outline-primary mb-3" onClick={() => editor.open(`goal:${goal.id}`)}>
              {t('cases.plan.editGoal', { n })}
            </button>
          ) : null}
        </>
      )}

      <h4 className="fs-6 fw-semibold mt-2">{t('cases.plan.actionsOf', { n })}</h4>
      {goal.actions.length === 0 ? <p>{t('cases.plan.noActions')}</p> : null}
      {goal.actions.length ? (
        <ul className="case-ledger">
          {goal.actions.map((a) => (
            <li key={a.id} className="case-ledger-item" data-testid="plan-action">
              {editor.editing === `action:${a.id}` ? (
                <ActionForm
                  key={`${a.id}:${a.version}`}
                  action={a}
                  goalId={goal.id}
                  prefix={`plan-action-${a.id}`}
                  pending={save.isPending}
                  error={save.error}
                  onCancel={() => editor.close(`plan-action-edit-${a.id}`)}
                  onSubmit={(fields) => save.mutate({ kind: 'action', target: a, fields }, { onSuccess: () => editor.done(t('cases.plan.actionSaved'), `plan-action-edit-${a.id}`) })}
                />
              ) : (
                <ActionItem action={a} meetingOn={a.meetingId ? meetingOn(a.meetingId) : undefined} onEdit={ctl.mayUpdateActions ? () => editor.open(`action:${a.id}`) : undefined} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {ctl.full ? (
        editor.editing === `new-action:${goal.id}` ? (
          <>
            <h4 className="fs-6 fw-semibold">{t('cases.plan.addActionTitle', { n })}</h4>
            <ActionForm
              action={null}
              goalId={goal.id}
              prefix={`plan-action-new-${n}`}
              pending={save.isPending}
              error={save.error}
              onCancel={() => editor.close(addActionId)}
              onSubmit={(fields) => save.mutate({ kind: 'action', target: null, fields }, { onSuccess: () => editor.done(t('cases.plan.actionAdded'), addActionId) })}
            />
          </>
        ) : (
          <button id={addActionId} type="button" className="btn btn-sm btn-outline-primary" onClick={() => editor.open(`new-action:${goal.id}`)}>
            {t('cases.plan.addAction', { n })}
          </button>
        )
      ) : null}
    </div>
  );
}

function ActionItem({ action, meetingOn, onEdit }: { action: PlanAction; meetingOn: string | undefined; onEdit: (() => void) | undefined }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const type = labels.label('actionType', action.type);
  return (
    <>
      <p className="mb-1">
        <strong>{type}</strong> — {labels.label('actionStatus', action.status)}
        {isOverdue(action) ? (
          <>
            {' '}
            <span className="case-badge case-overdue">{t('cases.plan.overdue')}</span>
          </>
        ) : null}
      </p>
      <p className="mb-1 small">
        {t('cases.plan.ownerIs', { owner: action.owner.name })} — {action.dueOn ? t('cases.plan.dueBy', { date: formatDayLong(action.dueOn, lang) }) : t('cases.plan.noDue')}
        {meetingOn ? ` — ${t('cases.plan.fromMeeting', { date: formatDayLong(meetingOn, lang) })}` : ''}
      </p>
      {action.description ? <p className="mb-1 case-notes">{action.description}</p> : null}
      {onEdit ? (
        <button id={`plan-action-edit-${action.id}`} type="button" className="btn btn-sm btn-outline-primary" onClick={onEdit}>
          {t('cases.plan.editAction', { type })}
        </button>
      ) : null}
    </>
  );
}
