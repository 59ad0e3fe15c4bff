import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { membershipRoles, type MembershipRole } from '../../../../shared/domain';
import { SelectField, TextField } from '../../../ui/fields';
import { useLabels } from '../../../ui/labels';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useFieldErrors } from '../../../ui/useFieldErrors';
import { useOrganisationOptions } from '../organisations/useOrganisationOptions';
import { TemporaryPassword } from './TemporaryPassword';
import { createUser, usersKey } from './users.api';

function isRole(value: string): value is MembershipRole {
  return (membershipRoles as readonly string[]).includes(value);
}

const fieldOrder = ['username', 'displayName', 'organisationId', 'role'] as const;

/** A new staff account with its first role; answers with a temporary password. */
export function UserCreatePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const organisations = useOrganisationOptions();
  const [form, setForm] = useState({ username: '', displayName: '', organisationId: '', role: '' });
  const [missing, setMissing] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
  const serverErrors = useFieldErrors(mutation.error);
  const errorOf = (field: (typeof fieldOrder)[number]) => missing[field] ?? serverErrors[field];
  // Read the value now: the event's currentTarget is gone when the updater runs.
  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    for (const field of fieldOrder) if (!form[field].trim()) errors[field] = t('validation.required');
    setMissing(errors);
    const first = fieldOrder.find((f) => errors[f]);
    if (first || !isRole(form.role)) {
      document.getElementById(`user-${first ?? 'role'}`)?.focus();
      return;
    }
    mutation.mutate({
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      organisationId: form.organisationId,
      role: form.role,
    });
  };

  const another = () => {
    mutation.reset();
    setForm({ username: '', displayName: '', organisationId: form.organisationId, role: '' });
  };

  return (
    <>
      <PageHeading>{t('users.createTitle')}</PageHeading>
      {mutation.data ? (
        <TemporaryPassword created={mutation.data} onAnother={another} />
      ) : (
        <form noValidate onSubmit={onSubmit} className="col-12 col-lg-8">
          <ProblemAlert error={mutation.error} />
          <TextField
            id="user-username"
            label={t('users.fields.username')}
            hint={t('users.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={form.username}
            onChange={set('username')}
            error={errorOf('username')}
            aria-required="true"
          />
          <TextField
            id="user-displayName"
            label={t('users.fields.displayName')}
            autoComplete="off"
            value={form.displayName}
            onChange={set('displayName')}
            error={errorOf('displayName')}
            aria-required="true"
          />
          <SelectField
            id="user-organisationId"
            label={t('users.fields.organisation')}
            placeholder={t('common.choose')}
            options={organisations}
            value={form.organisationId}
            onChange={set('organisationId')}
            error={errorOf('organisationId')}
            aria-required="true"
          />
          <SelectField
            id="user-role"
            label={t('users.fields.role')}
            placeholder={t('common.choose')}
            options={labels.roleOptions}
            value={form.role}
            onChange={set('role')}
            error={errorOf('role')}
            aria-required="true"
          />
          <div className="d-flex gap-3">
            <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
              {t('users.create')}
            </Button>
            <Link to="/admin/utenti" className="btn btn-outline-primary">
              {t('common.cancel')}
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
