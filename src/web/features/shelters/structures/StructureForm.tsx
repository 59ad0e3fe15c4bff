import type { InputHTMLAttributes } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { StructureCreate } from '../../../../shared/shelters.structures.api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../../ui/form';
import { ComuneCombobox } from '../../routing/ComuneCombobox';
import { comuneLabel } from '../../routing/comuni.api';
import { useShelterLabels } from './shelters.labels';
import { structureForm, type StructureFormValues } from './structures.form';

/** A labelled checkbox (Bootstrap Italia markup). */
function Check({ id, label, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string }) {
  return (
    <div className="form-check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * The structure's data and secret address (its own head only): the same
 * form creates and edits. The address is said to be secret where it is
 * typed; the networks offered are those her organisation belongs to.
 */
export function StructureForm({
  initial,
  networkOptions,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  initial: StructureFormValues;
  /** Null while creating: the networks are chosen on the structure's page, once it exists. */
  networkOptions: readonly { id: string; name: string }[] | null;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: StructureCreate) => void;
}) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const form = useSchemaForm(structureForm, { defaultValues: initial as never });
  const f = (name: string, id = `structure-${name.replace('.', '-')}`) => ({ id, label: t(`shelterStructures.fields.${name}` as never) });
  const fields = {
    name: f('name'),
    level: f('level'),
    maxChildren: f('maxChildren'),
    boysMaxAge: f('boysMaxAge'),
    languages: f('languages'),
    protectionLevel: f('protectionLevel'),
    dailyFeeCents: f('dailyFeeCents'),
    contributionCents: f('contributionCents'),
    'address.street': f('address.street'),
    'address.comune': f('address.comune'),
    'address.comuneIstat': f('address.comune', 'structure-address-comune'),
    'address.postcode': f('address.postcode'),
    'address.notes': f('address.notes'),
    networkIds: { id: `structure-networks-${networkOptions?.[0]?.id ?? ''}`, label: t('shelterStructures.fields.networks') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const at = (path: string) => messages.at(path);
  const checkbox = (name: 'acceptsChildren' | 'petsAllowed' | 'wheelchairAccessible' | 'staffed24h') => (
    <Check id={`structure-${name}`} label={t(`shelterStructures.fields.${name}`)} {...form.register(name)} />
  );

  return (
    <form noValidate className="structure-form" aria-labelledby="structure-form-title" onSubmit={form.handleSubmit((body) => onSubmit(body))}>
      <h2 id="structure-form-title" className="h4">
        {t('shelterStructures.form.title')}
      </h2>
      <ErrorSummary id="structure-errors" items={messages.summary} />
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField {...fields.name} {...form.register('name')} error={at('name')} required aria-required="true" maxLength={120} hint={t('shelterStructures.form.nameHint')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField {...fields.level} {...form.register('level')} error={at('level')} required aria-required="true" placeholder={t('common.choose')} options={labels.options('level')} />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterStructures.form.rules')}</legend>
        {checkbox('acceptsChildren')}
        <div className="row mt-3">
          <div className="col-12 col-md-6">
            <TextField {...fields.maxChildren} {...form.register('maxChildren')} type="number" min={0} max={20} inputMode="numeric" error={at('maxChildren')} hint={t('shelterStructures.form.noLimit')} />
          </div>
          <div className="col-12 col-md-6">
            <TextField {...fields.boysMaxAge} {...form.register('boysMaxAge')} type="number" min={0} max={25} inputMode="numeric" error={at('boysMaxAge')} hint={t('shelterStructures.form.noLimit')} />
          </div>
        </div>
        {checkbox('petsAllowed')}
        {checkbox('wheelchairAccessible')}
        {checkbox('staffed24h')}
        <div className="row mt-3">
          <div className="col-12 col-md-6">
            <TextField {...fields.languages} {...form.register('languages')} error={at('languages')} hint={t('shelterStructures.form.languagesHint')} />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              {...fields.protectionLevel}
              {...form.register('protectionLevel')}
              error={at('protectionLevel')}
              required
              aria-required="true"
              placeholder={t('common.choose')}
              options={labels.options('protectionLevel')}
            />
          </div>
        </div>
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField {...fields.dailyFeeCents} {...form.register('dailyFeeCents')} inputMode="decimal" error={at('dailyFeeCents')} required aria-required="true" hint={t('shelterStructures.form.feeHint')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...fields.contributionCents} {...form.register('contributionCents')} inputMode="decimal" error={at('contributionCents')} hint={t('shelterStructures.form.contributionHint')} />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterStructures.form.address')}</legend>
        <p className="small">{t('shelterStructures.form.addressSecret')}</p>
        <TextField {...fields['address.street']} {...form.register('address.street')} error={at('address.street')} required aria-required="true" maxLength={200} autoComplete="off" />
        <div className="row">
          <div className="col-12 col-md-8">
            <Controller
              control={form.control}
              name="address.comune"
              render={({ field }) => (
                <ComuneCombobox
                  id={fields['address.comune'].id}
                  label={fields['address.comune'].label}
                  hint={t('shelterStructures.form.comuneHint')}
                  error={at('address.comune') ?? at('address.comuneIstat')}
                  text={(field.value as { text: string }).text}
                  onText={(text) => field.onChange({ text, code: '' })}
                  onPick={(c) => field.onChange({ text: comuneLabel(c), code: c.istatCode })}
                  ref={field.ref}
                />
              )}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField {...fields['address.postcode']} {...form.register('address.postcode')} inputMode="numeric" maxLength={5} error={at('address.postcode')} required aria-required="true" autoComplete="off" />
          </div>
        </div>
        <TextAreaField {...fields['address.notes']} {...form.register('address.notes')} error={at('address.notes')} maxLength={500} />
      </fieldset>
      {networkOptions === null ? null : (
      <Controller
        control={form.control}
        name="networkIds"
        render={({ field }) => (
          <CheckboxGroup
            id="structure-networks"
            legend={fields.networkIds.label}
            hint={t('shelterStructures.form.networksHint')}
            options={(networkOptions ?? []).map((n) => ({ value: n.id, label: n.name }))}
            values={(field.value as string[] | undefined) ?? []}
            onChange={field.onChange}
            error={at('networkIds')}
            emptyText={t('shelterStructures.form.noNetworks')}
          />
        )}
      />
      )}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
