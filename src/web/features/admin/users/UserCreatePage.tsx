import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { accountCreate } from '../../../../shared/accounts.api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../../ui/form';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useOrganisationOptions } from '../organisations/useOrganisationOptions';
import { TemporaryPassword } from './TemporaryPassword';
import { useFittingRoles } from './useFittingRoles';
import { createUser, usersKey } from './users.api';

const { shape } = accountCreate;

/** The API's rules, with an empty field counted as not given. */
const schema = accountCreate.extend({
  username: blank(shape.username),
  displayName: blank(shape.displayName),
  organisationId: blank(shape.organisationId),
  role: blank(shape.role),
});

/** A new staff account with its first role; answers with a temporary password. */
export function UserCreatePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const organisations = useOrganisationOptions();
  const empty = { username: '', displayName: '', organisationId: '', role: '' };
  const form = useSchemaForm(schema, { defaultValues: empty });

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
  const fields = {
    username: { id: 'user-username', label: t('users.fields.username') },
    displayName: { id: 'user-displayName', label: t('users.fields.displayName') },
    organisationId: { id: 'user-organisationId', label: t('users.fields.organisation') },
    role: { id: 'user-role', label: t('users.fields.role') },
  };
  const messages = useFormMessages(form.formState.errors, mutation.error, fields);
  const roles = useFittingRoles(organisations, form.watch('organisationId'), {
    get: () => form.getValues('role'),
    clear: () => form.setValue('role', ''),
  });

  // The next account is often for the same organisation.
  const another = () => {
    mutation.reset();
    form.reset({ ...empty, organisationId: form.getValues('organisationId') });
  };

  return (
    <>
      <PageHeading>{t('users.createTitle')}</PageHeading>
      {mutation.data ? (
        <TemporaryPassword created={mutation.data} onAnother={another} />
      ) : (
        <form noValidate onSubmit={form.handleSubmit((input) => mutation.mutate(input))} className="col-12 col-lg-8">
          <ProblemAlert error={mutation.error} />
          <ErrorSummary id="user-errors" items={messages.summary} />
          <TextField
            id={fields.username.id}
            label={fields.username.label}
            hint={t('users.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={shape.username.maxLength ?? undefined}
            {...form.register('username')}
            error={messages.at('username')}
            aria-required="true"
          />
          <TextField
            id={fields.displayName.id}
            label={fields.displayName.label}
            autoComplete="off"
            maxLength={shape.displayName.maxLength ?? undefined}
            {...form.register('displayName')}
            error={messages.at('displayName')}
            aria-required="true"
          />
          <SelectField
            id={fields.organisationId.id}
            label={fields.organisationId.label}
            placeholder={t('common.choose')}
            options={organisations}
            {...form.register('organisationId', { onChange: roles.onOrganisationChange })}
            error={messages.at('organisationId')}
            aria-required="true"
          />
          <SelectField
            id={fields.role.id}
            label={fields.role.label}
            placeholder={t('common.choose')}
            hint={t('users.roleHint')}
            options={roles.options}
            {...form.register('role')}
            error={messages.at('role')}
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
