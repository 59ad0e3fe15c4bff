import { useTranslation } from 'react-i18next';
import { formatDayLong } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { TeamMember } from './cases.types';
import { MeetingForm } from './MeetingForm';
import type { PlanControls } from './PlanGoal';
import type { Plan } from './plan.types';

const ADD_ID = 'plan-meeting-add';

/** The équipe meetings, latest first, with the actions each one decided. */
export function PlanMeetings({ plan, team, ctl, mayAdd }: { plan: Plan; team: TeamMember[]; ctl: PlanControls; mayAdd: boolean }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const { editor, save } = ctl;
  const decided = (meetingId: string) =>
    plan.goals.flatMap((g, i) => g.actions.filter((a) => a.meetingId === meetingId).map((a) => ({ action: a, goal: t('cases.plan.goalTitle', { n: i + 1, area: labels.label('planArea', g.area) }) })));
  return (
    <section aria-labelledby="plan-meetings-title" className="mt-5">
      <h3 id="plan-meetings-title" className="h5">
        {t('cases.plan.meetingsTitle')}
      </h3>
      {plan.meetings.length === 0 ? <p>{t('cases.plan.noMeetings')}</p> : null}
      {plan.meetings.length ? (
        <ol className="case-ledger">
          {[...plan.meetings].reverse().map((m) => {
            const actions = decided(m.id);
            return (
              <li key={m.id} className="case-ledger-item">
                <p className="mb-1">
                  <strong>{t('cases.plan.meetingOnDate', { date: formatDayLong(m.on, lang) })}</strong>
                </p>
                <p className="mb-1 small">
                  {t('cases.plan.participants')}: {m.participants.filter(Boolean).join(', ') || t('cases.plan.noParticipants')}
                </p>
                {m.minutes ? <p className="mb-1 case-notes">{m.minutes}</p> : null}
                {actions.length ? (
                  <>
                    <p className="mb-1 small fw-semibold">{t('cases.plan.decisions')}:</p>
                    <ul className="small mb-0">
                      {actions.map(({ action: a, goal }) => (
                        <li key={a.id}>
                          {labels.label('actionType', a.type)} — {goal} — {t('cases.plan.ownerIs', { owner: a.owner.name })}
                          {a.dueOn ? ` — ${t('cases.plan.dueBy', { date: formatDayLong(a.dueOn, lang) })}` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {!mayAdd ? null : editor.editing === 'meeting' ? (
        <MeetingForm
          goals={plan.goals}
          team={team}
          pending={save.isPending}
          error={save.error}
          onCancel={() => editor.close(ADD_ID)}
          onSubmit={(input) => save.mutate({ kind: 'meeting', input }, { onSuccess: () => editor.done(t('cases.plan.meetingAdded', { count: input.decisions.length }), ADD_ID) })}
        />
      ) : (
        <button id={ADD_ID} type="button" className="btn btn-outline-primary" onClick={() => editor.open('meeting')}>
          {t('cases.plan.addMeeting')}
        </button>
      )}
    </section>
  );
}
