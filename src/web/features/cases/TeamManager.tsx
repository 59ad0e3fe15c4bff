import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { SelectField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { addMember, casesKey, removeMember, usePartSaved, useStaff, useTeam } from './cases.api';
import type { TeamMember } from './cases.types';
import { TeamList } from './TeamList';

/** Roles that may work on a case (the server's STAFF_ROLES). */
const staffRoles = ['organisation_head', 'operator', 'social_worker'];

/**
 * The head's team management: who is on the case, who is its referente,
 * add a colleague, remove a member. Works without opening the case (the
 * team endpoints do not read her record).
 */
export function TeamManager({ caseId, code }: { caseId: string; code: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const partSaved = usePartSaved(caseId);
  const team = useTeam(caseId);
  const organisationId = me?.organisation?.id;
  const staff = useStaff(organisationId, true);
  const [userId, setUserId] = useState('');
  const [referente, setReferente] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  const done = (members: TeamMember[], text: string) => {
    client.setQueryData([...casesKey, 'case', caseId, 'team'], members);
    partSaved('team');
    setMessage(text);
  };
  const add = useMutation({
    mutationFn: (v: { userId: string; referente: boolean; name: string }) => addMember(caseId, { userId: v.userId, referente: v.referente }),
    onMutate: () => setMessage(null),
    onSuccess: (members, v) => {
      setUserId('');
      setReferente(false);
      done(members, t('cases.team.added', { name: v.name }));
    },
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => removeMember(caseId, m.userId),
    onMutate: () => setMessage(null),
    onSuccess: (members, m) => done(members, t('cases.team.removed', { name: m.displayName })),
  });

  if (team.isPending) return <Loading />;
  if (team.isError) return <ProblemAlert error={team.error} />;
  const members = team.data;
  const candidates = (staff.data?.items ?? []).filter(
    (u) => !u.disabled && !members.some((m) => m.userId === u.id) && u.memberships.some((m) => m.organisationId === organisationId && staffRoles.includes(m.role)),
  );

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const chosen = candidates.find((u) => u.id === userId);
    if (!chosen) {
      setFieldError(t('cases.team.chooseRequired'));
      document.getElementById('team-add-user')?.focus();
      return;
    }
    setFieldError(undefined);
    add.mutate({ userId: chosen.id, referente, name: chosen.displayName });
  };

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
      <form noValidate onSubmit={submit} className="mt-4 case-form" aria-labelledby="team-add-title">
        <h3 id="team-add-title" className="h5">
          {t('cases.team.addTitle')}
        </h3>
        <p>{t('cases.team.addHint')}</p>
        <ProblemAlert error={staff.error} />
        <div className="row g-3 align-items-start">
          <div className="col-12 col-md-6">
            <SelectField
              id="team-add-user"
              label={t('cases.team.colleague')}
              placeholder={t('common.choose')}
              options={candidates.map((u) => ({ value: u.id, label: u.displayName }))}
              value={userId}
              error={fieldError}
              onChange={(e) => setUserId(e.currentTarget.value)}
            />
          </div>
          <div className="col-12 col-md-6">
            <div className="form-check mt-md-4">
              <input id="team-add-referente" type="checkbox" checked={referente} onChange={(e) => setReferente(e.currentTarget.checked)} />
              <label htmlFor="team-add-referente">{t('cases.team.asReferente')}</label>
            </div>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={add.isPending} aria-busy={add.isPending}>
          {t('cases.team.add')}
        </button>
      </form>
    </>
  );
}
