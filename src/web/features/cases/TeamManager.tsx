import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { addMember, casesKey, removeMember, usePartSaved, useTeam } from './cases.api';
import type { TeamMember } from './cases.types';
import { TeamAddForm, type MemberChoice } from './TeamAddForm';
import { TeamList } from './TeamList';

/**
 * The head's team management: who is on the case, who is its referente,
 * add a colleague or someone of an organisation she agreed to share with,
 * remove a member. Works without opening the case (the team endpoints do
 * not read her record).
 */
export function TeamManager({ caseId, code }: { caseId: string; code: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const partSaved = usePartSaved(caseId);
  const team = useTeam(caseId);
  const organisationId = me?.organisation?.id;
  const [message, setMessage] = useState<string | null>(null);

  const done = (members: TeamMember[], text: string) => {
    client.setQueryData([...casesKey, 'case', caseId, 'team'], members);
    partSaved('team');
    setMessage(text);
  };
  const add = useMutation({
    mutationFn: (v: MemberChoice) => addMember(caseId, { userId: v.userId, referente: v.referente, ...(v.sections ? { sections: v.sections } : {}) }),
    onMutate: () => setMessage(null),
    onSuccess: (members, v) => done(members, t('cases.team.added', { name: v.name })),
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => removeMember(caseId, m.userId),
    onMutate: () => setMessage(null),
    onSuccess: (members, m) => done(members, t('cases.team.removed', { name: m.displayName })),
  });

  if (team.isPending) return <Loading />;
  if (team.isError) return <ProblemAlert error={team.error} />;
  const members = team.data;

  return (
    <>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={add.error ?? remove.error} />
      <TeamList
        team={members}
        caption={code ? t('cases.team.captionFor', { code }) : t('cases.team.caption')}
        actions={(m) => (
          <span className="d-flex flex-wrap gap-2">
            {!m.referente && m.organisation.id === organisationId ? (
              <button
                type="button"
                className="btn btn-sm btn-outline-primary"
                disabled={add.isPending}
                onClick={() => add.mutate({ userId: m.userId, referente: true, name: m.displayName })}
              >
                {t('cases.team.makeReferente', { name: m.displayName })}
              </button>
            ) : null}
            <ConfirmButton
              label={t('cases.team.remove', { name: m.displayName })}
              question={t('cases.team.removeQuestion', { name: m.displayName })}
              pending={remove.isPending}
              onConfirm={() => remove.mutate(m)}
            />
          </span>
        )}
      />
      <TeamAddForm caseId={caseId} members={members} pending={add.isPending} error={add.error} onAdd={(choice, reset) => add.mutate(choice, { onSuccess: reset })} />
    </>
  );
}
