import { Button } from 'design-react-kit';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { organisationCreate } from '../../../../shared/organisations.api';
import type { Organisation } from '../../../api/types';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../../ui/form';
import { useLabels } from '../../../ui/labels';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useNetworks, type OrganisationInput } from './organisations.api';

/** The API's rules, with an empty field counted as not given. */
const schema = organisationCreate.extend({ name: blank(organisationCreate.shape.name), type: blank(organisationCreate.shape.type) });

interface Props {
  initial?: Organisation;
  pending: boolean;
  error: unknown;
  onSubmit: (input: OrganisationInput) => void;
}

/** Name, kind and networks of an organisation; used to create and to edit. */
export function OrganisationForm({ initial, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const networks = useNetworks();
  const form = useSchemaForm(schema, {
    defaultValues: { name: initial?.name ?? '', type: initial?.type ?? '', networkIds: initial?.networks.map((n) => n.id) ?? [] },
  });
  const fields = {
    name: { id: 'org-name', label: t('organisations.fields.name') },
    type: { id: 'org-type', label: t('organisations.fields.type') },
    networkIds: { id: 'org-networks', label: t('organisations.fields.networks') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="col-12 col-lg-8">
      <ProblemAlert error={error} />
      <ErrorSummary id="org-errors" items={messages.summary} />
      <TextField
        id={fields.name.id}
        label={fields.name.label}
        maxLength={organisationCreate.shape.name.maxLength ?? undefined}
        {...form.register('name')}
        error={messages.at('name')}
        aria-required="true"
      />
      <SelectField
        id={fields.type.id}
        label={fields.type.label}
        placeholder={t('common.choose')}
        options={labels.organisationTypeOptions}
        {...form.register('type')}
        error={messages.at('type')}
        aria-required="true"
      />
      <ProblemAlert error={networks.error} />
      <Controller
        control={form.control}
        name="networkIds"
        render={({ field }) => (
          <CheckboxGroup
            id={fields.networkIds.id}
            legend={fields.networkIds.label}
            hint={t('organisations.networksHint')}
            emptyText={networks.isPending ? t('common.loading') : t('organisations.noNetworks')}
            options={(networks.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
            values={field.value ?? []}
            onChange={field.onChange}
            error={messages.at('networkIds')}
          />
        )}
      />
      <div className="d-flex gap-3">
        <Button type="submit" color="primary" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </Button>
        <Link to="/admin/organizzazioni" className="btn btn-outline-primary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
