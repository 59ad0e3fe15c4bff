import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import type { CaseRecord } from './cases.types';
import { isStale, usePartWrite } from './cases.write';
import { GoalForm } from './GoalForm';
import { usePlan, writePlan, type PlanWrite } from './plan.api';
import { PlanGoal, type PlanControls } from './PlanGoal';
import { PlanMeetings } from './PlanMeetings';
import { PlanReviews } from './PlanReviews';
import { StaleCaseNotice } from './StaleCaseNotice';
import { usePartEditor } from './usePartEditor';

const ADD_GOAL_ID = 'plan-goal-add';

/**
 * Piano: the individual plan agreed with her — goals by area, their
 * actions, the reviews with her agreement, the équipe meetings. A member
 * with only the work/housing section (a CPI advisor, a housing agency)
 * gets those goals and may update their actions; the server refuses her
 * anything else, so those controls are not shown.
 */
export function PlanTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayWrite = can(me, permissions.caseWrite);
  const whole = record.access.sections.includes('plan');
  const plan = usePlan(record.id);
  const save = usePartWrite(record.id, 'plan', (w: PlanWrite) => writePlan(record.id, w));
  const editor = usePartEditor(save.reset);
  // Leading the plan (goals, new actions, reviews, meetings) is the owner's and the coordinating organisation's (docs/cases.md).
  const lead = record.access.acts.leadPlan && mayWrite;
  const ctl: PlanControls = { editor, save, full: whole && lead, mayUpdateActions: mayWrite };
  const meetingOn = (id: string) => plan.data?.meetings.find((m) => m.id === id)?.on;

  return (
    <section aria-labelledby="case-plan-title">
      <h2 id="case-plan-title" className="h5">
        {t('cases.plan.title')}
      </h2>
      <p>{whole ? t('cases.plan.intro') : t('cases.plan.introWorkHousing')}</p>
      {editor.message ? <SuccessAlert>{editor.message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} text={t('cases.plan.staleText')} />
      {save.error && !isStale(save.error) ? <ProblemAlert error={save.error} /> : null}
      {plan.isPending ? <Loading /> : null}
      <ProblemAlert error={plan.error} />
      {plan.data ? (
        <>
          {plan.data.goals.length === 0 ? <p>{whole ? t('cases.plan.none') : t('cases.plan.noneWorkHousing')}</p> : null}
          {plan.data.goals.map((g, i) => (
            <PlanGoal key={g.id} goal={g} n={i + 1} ctl={ctl} meetingOn={meetingOn} />
          ))}
          {ctl.full ? (
            editor.editing === 'goal:new' ? (
              <div className="case-part">
                <h3 className="h6">{t('cases.plan.addGoalTitle')}</h3>
                <GoalForm
                  goal={null}
                  prefix="plan-goal-new"
                  pending={save.isPending}
                  error={save.error}
                  onCancel={() => editor.close(ADD_GOAL_ID)}
                  onSubmit={(fields) => save.mutate({ kind: 'goal', target: null, fields }, { onSuccess: () => editor.done(t('cases.plan.goalAdded'), ADD_GOAL_ID) })}
                />
              </div>
            ) : (
              <button id={ADD_GOAL_ID} type="button" className="btn btn-outline-primary" onClick={() => editor.open('goal:new')}>
                {t('cases.plan.addGoal')}
              </button>
            )
          ) : null}
          {whole ? <PlanReviews reviews={plan.data.reviews} ctl={ctl} mayAdd={lead} /> : null}
          {whole ? <PlanMeetings plan={plan.data} team={record.team} ctl={ctl} mayAdd={lead} /> : null}
        </>
      ) : null}
    </section>
  );
}
