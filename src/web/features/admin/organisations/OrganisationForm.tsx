import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { organisationTypes, type OrganisationType } from '../../../../shared/domain';
import type { Organisation } from '../../../api/types';
import { CheckboxGroup, SelectField, TextField } from '../../../ui/fields';
import { useLabels } from '../../../ui/labels';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useFieldErrors } from '../../../ui/useFieldErrors';
import { useNetworks, type OrganisationInput } from './organisations.api';

function isOrganisationType(value: string): value is OrganisationType {
  return (organisationTypes as readonly string[]).includes(value);
}

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
  const [name, setName] = useState(initial?.name ?? '');
  const [type, setType] = useState<string>(initial?.type ?? '');
  const [networkIds, setNetworkIds] = useState<string[]>(initial?.networks.map((n) => n.id) ?? []);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const serverErrors = useFieldErrors(error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t('validation.required');
    if (!isOrganisationType(type)) errors.type = t('validation.required');
    setMissing(errors);
    if (!errors.name && isOrganisationType(type)) {
      onSubmit({ name: name.trim(), type, networkIds });
    } else {
      document.getElementById(errors.name ? 'org-name' : 'org-type')?.focus();
    }
  };

  return (
    <form noValidate onSubmit={submit} className="col-12 col-lg-8">
      <ProblemAlert error={error} />
      <TextField
        id="org-name"
        label={t('organisations.fields.name')}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.currentTarget.value)}
        error={missing.name ?? serverErrors.name}
        aria-required="true"
      />
      <SelectField
        id="org-type"
        label={t('organisations.fields.type')}
        placeholder={t('common.choose')}
        options={labels.organisationTypeOptions}
        value={type}
        onChange={(e) => setType(e.currentTarget.value)}
        error={missing.type ?? serverErrors.type}
        aria-required="true"
      />
      <ProblemAlert error={networks.error} />
      <CheckboxGroup
        id="org-networks"
        legend={t('organisations.fields.networks')}
        hint={t('organisations.networksHint')}
        emptyText={networks.isPending ? t('common.loading') : t('organisations.noNetworks')}
        options={(networks.data?.items ?? []).map((n) => ({ value: n.id, label: n.name }))}
        values={networkIds}
        onChange={setNetworkIds}
        error={serverErrors.networkIds}
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
