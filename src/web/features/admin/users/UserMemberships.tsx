import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { membershipParams, membershipSet } from '../../../../shared/accounts.api';
import { membershipRoles, type MembershipRole, type OrganisationType } from '../../../../shared/domain';
import type { User, UserMembership } from '../../../api/types';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { DataTable } from '../../../ui/DataTable';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField } from '../../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../../ui/form';
import { useLabels } from '../../../ui/labels';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useOrganisationOptions } from '../organisations/useOrganisationOptions';
import { useFittingRoles } from './useFittingRoles';
import { removeMembership, setMembership, usersKey } from './users.api';

/** A role in another organisation: the API's rules for both (the organisation travels in the path). */
const addSchema = z.object({
  organisationId: blank(membershipParams.shape.organisationId),
  role: blank(membershipSet.shape.role),
});

function isRole(value: string): value is MembershipRole {
  return (membershipRoles as readonly string[]).includes(value);
}

/** Her role in each organisation; an admin changes, removes or adds one. */
export function UserMemberships({ user, canManage }: { user: User; canManage: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);

  const onDone = (text: string) => {
    setMessage(text);
    void client.invalidateQueries({ queryKey: usersKey });
  };
  const save = useMutation({
    mutationFn: (v: { organisationId: string; organisationName: string; role: MembershipRole }) =>
      setMembership(user.id, v.organisationId, v.role),
    onMutate: () => setMessage(null),
    onSuccess: (_, v) => onDone(t('users.memberships.saved', { organisation: v.organisationName })),
  });
  const remove = useMutation({
    mutationFn: (m: UserMembership) => removeMembership(user.id, m.organisationId),
    onMutate: () => setMessage(null),
    onSuccess: (_, m) => onDone(t('users.memberships.removed', { organisation: m.organisationName })),
  });

  return (
    <section aria-labelledby="memberships-title" className="mt-5">
      <h2 id="memberships-title" className="h4">
        {t('users.memberships.title')}
      </h2>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={save.error ?? remove.error} />
      {user.memberships.length === 0 ? (
        <p>{t('users.memberships.none')}</p>
      ) : (
        <DataTable caption={t('users.memberships.caption', { name: user.displayName })}>
          <thead>
            <tr>
              <th scope="col">{t('users.fields.organisation')}</th>
              <th scope="col">{t('users.fields.role')}</th>
              {canManage ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {user.memberships.map((m) => (
              <tr key={m.organisationId}>
                <th scope="row">{m.organisationName}</th>
                <td>
                  {canManage ? (
                    <RoleSelect
                      id={`role-${m.organisationId}`}
                      label={t('users.memberships.roleIn', { organisation: m.organisationName })}
                      value={m.role}
                      organisationType={m.organisationType}
                      disabled={save.isPending}
                      onChange={(role) => save.mutate({ ...m, role })}
                    />
                  ) : (
                    labels.role(m.role)
                  )}
                </td>
                {canManage ? (
                  <td>
                    <ConfirmButton
                      label={t('users.memberships.remove')}
                      question={t('users.memberships.removeQuestion', { organisation: m.organisationName })}
                      pending={remove.isPending}
                      onConfirm={() => remove.mutate(m)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {canManage ? <AddMembership user={user} onAdd={(v) => save.mutate(v)} pending={save.isPending} /> : null}
    </section>
  );
}

/**
 * A role picker with its own Save button: saving on change would fire on
 * every arrow key in some browsers. Its label names the organisation; it
 * offers the roles the organisation's kind may hold (and her present role,
 * should an older one no longer fit, so the picker shows what she holds).
 */
function RoleSelect(props: {
  id: string;
  label: string;
  value: MembershipRole;
  organisationType: OrganisationType;
  disabled: boolean;
  onChange: (role: MembershipRole) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [role, setRole] = useState<MembershipRole>(props.value);
  const fitting = labels.roleOptionsFor(props.organisationType);
  const options = fitting.some((o) => o.value === props.value) ? fitting : [...fitting, { value: props.value, label: labels.role(props.value) }];
  return (
    <div className="d-flex flex-wrap align-items-center gap-2">
      <label htmlFor={props.id} className="visually-hidden">
        {props.label}
      </label>
      <select
        id={props.id}
        className="form-select form-select-sm membership-role"
        value={role}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isRole(v)) setRole(v);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-sm btn-outline-primary"
        disabled={props.disabled || role === props.value}
        onClick={() => props.onChange(role)}
      >
        {t('common.save')}
        <span className="visually-hidden"> – {props.label}</span>
      </button>
    </div>
  );
}

function AddMembership({
  user,
  onAdd,
  pending,
}: {
  user: User;
  onAdd: (v: { organisationId: string; organisationName: string; role: MembershipRole }) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const organisations = useOrganisationOptions().filter(
    (o) => !user.memberships.some((m) => m.organisationId === o.value),
  );
  const form = useSchemaForm(addSchema, { defaultValues: { organisationId: '', role: '' } });
  const fields = {
    organisationId: { id: 'add-organisation', label: t('users.fields.organisation') },
    role: { id: 'add-role', label: t('users.fields.role') },
  };
  const messages = useFormMessages(form.formState.errors, undefined, fields);
  const roles = useFittingRoles(organisations, form.watch('organisationId'), {
    get: () => form.getValues('role'),
    clear: () => form.setValue('role', ''),
  });

  if (organisations.length === 0) return null;

  const onSubmit = form.handleSubmit(({ organisationId, role }) => {
    const organisationName = organisations.find((o) => o.value === organisationId)?.label ?? '';
    onAdd({ organisationId, organisationName, role });
    form.reset();
  });

  return (
    <form noValidate onSubmit={onSubmit} className="mt-4" aria-labelledby="add-membership-title">
      <h3 id="add-membership-title" className="h5 mb-4">
        {t('users.memberships.addTitle')}
      </h3>
      <ErrorSummary id="add-membership-errors" items={messages.summary} />
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-5">
          <SelectField
            id={fields.organisationId.id}
            label={fields.organisationId.label}
            placeholder={t('common.choose')}
            options={organisations}
            {...form.register('organisationId', { onChange: roles.onOrganisationChange })}
            error={messages.at('organisationId')}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id={fields.role.id}
            label={fields.role.label}
            placeholder={t('common.choose')}
            options={roles.options}
            {...form.register('role')}
            error={messages.at('role')}
          />
        </div>
        <div className="col-12 col-md-auto form-actions">
          <button type="submit" className="btn btn-outline-primary" disabled={pending}>
            {t('users.memberships.add')}
          </button>
        </div>
      </div>
    </form>
  );
}
