import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { organisationChoice } from '../../../shared/auth.api';
import { forgetScopedData, storeMe, useMe } from '../../api/session';
import { returnTo } from '../../app/guards';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { useLabels } from '../../ui/labels';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { selectOrganisation } from './auth.api';

/** The API's rule; no radio chosen is a missing choice. */
const schema = organisationChoice.extend({ organisationId: blank(organisationChoice.shape.organisationId) });

/**
 * Someone with roles in several organisations says which one she is acting
 * for: every screen and every record is then scoped to it.
 */
export function ChooseOrganisationPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe().data;
  const form = useSchemaForm(schema, { defaultValues: { organisationId: me?.organisation?.id ?? '' } });
  const chosen = form.watch('organisationId');

  const mutation = useMutation({
    mutationFn: selectOrganisation,
    onSuccess: (next) => {
      forgetScopedData(client);
      storeMe(client, next);
      void navigate(returnTo(location.state), { replace: true });
    },
  });

  const fields = {
    organisationId: { id: `org-${me?.memberships[0]?.organisationId ?? ''}`, label: t('auth.organisation.legend') },
  };
  const messages = useFormMessages(form.formState.errors, mutation.error, fields, { required: t('auth.organisation.required') });
  const error = messages.at('organisationId');

  if (!me) return null;

  return (
    <>
      <PageHeading>{t('auth.organisation.title')}</PageHeading>
      <p>{t('auth.organisation.intro')}</p>
      <ProblemAlert error={mutation.error} />
      {me.memberships.length === 0 ? (
        <p>{t('auth.organisation.none')}</p>
      ) : (
        <form noValidate onSubmit={form.handleSubmit(({ organisationId }) => mutation.mutate(organisationId))}>
          <ErrorSummary id="org-errors" items={messages.summary} />
          <fieldset aria-describedby={error ? 'org-error' : undefined}>
            <legend className="visually-hidden">{t('auth.organisation.legend')}</legend>
            <div className="row g-3">
              {me.memberships.map((m) => {
                const id = `org-${m.organisationId}`;
                return (
                  <div className="col-12 col-md-6" key={m.organisationId}>
                    <div className={`org-choice ${chosen === m.organisationId ? 'org-choice-selected' : ''}`}>
                      <div className="form-check mb-0">
                        <input
                          type="radio"
                          id={id}
                          value={m.organisationId}
                          {...form.register('organisationId')}
                          aria-describedby={`${id}-desc`}
                          aria-invalid={error ? true : undefined}
                        />
                        <label htmlFor={id} className="fw-semibold">
                          {m.organisationName}
                        </label>
                      </div>
                      <p className="mb-0 mt-1 small" id={`${id}-desc`}>
                        {labels.organisationType(m.organisationType)} · {labels.role(m.role)}
                      </p>
                    </div>
                  </div>
                );
              })}
            </div>
            {error ? (
              <div id="org-error" className="invalid-feedback d-block mt-2">
                {error}
              </div>
            ) : null}
          </fieldset>
          <Button type="submit" color="primary" className="mt-4" disabled={mutation.isPending} aria-busy={mutation.isPending}>
            {t('auth.organisation.submit')}
          </Button>
        </form>
      )}
    </>
  );
}
