import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PlacementRequestCreate } from '../../../../shared/shelters.requests.api';
import { placementCriteria } from '../../../../shared/shelters';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { useFormMessages, useSchemaForm } from '../../../ui/form';
import { ComuneCombobox } from '../../routing/ComuneCombobox';
import { comuneLabel } from '../../routing/comuni.api';
import { useShelterLabels } from '../structures/shelters.labels';
import { requestForm, type RequestFormValues } from './requests.form';

/**
 * The need, without identity: the household (adults, children by age and
 * sex), urgency and level, access needs, languages, the comune to keep her
 * away from (only its province is kept) and the network's criteria. The
 * same form creates a request (in the page) and edits it while it is open.
 */
export function RequestForm({
  initial,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  initial: RequestFormValues;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: PlacementRequestCreate) => void;
}) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const form = useSchemaForm(requestForm, { defaultValues: initial as never });
  const children = useFieldArray({ control: form.control, name: 'children' as never });
  const f = (name: string, id = `request-${name.replaceAll('.', '-')}`) => ({ id, label: t(`shelterRequests.fields.${name}` as never) });
  const fields: Record<string, { id: string; label: string }> = {
    urgency: f('urgency'),
    level: f('level'),
    adults: f('adults'),
    languages: f('languages'),
    avoidComune: f('avoidComune'),
    minDistanceKm: f('minDistanceKm'),
    note: f('note'),
  };
  children.fields.forEach((_, i) => {
    fields[`children.${i}.age`] = { id: `request-children-${i}-age`, label: t('shelterRequests.fields.childAge', { n: i + 1 }) };
    fields[`children.${i}.sex`] = { id: `request-children-${i}-sex`, label: t('shelterRequests.fields.childSex', { n: i + 1 }) };
  });
  const messages = useFormMessages(form.formState.errors, error, fields);
  const at = (path: string) => messages.at(path);

  return (
    <form noValidate aria-labelledby="request-form-title" onSubmit={form.handleSubmit((body) => onSubmit(body))}>
      <h2 id="request-form-title" className="h4">
        {t('shelterRequests.form.title')}
      </h2>
      <p className="small">{t('shelterRequests.form.noIdentity')}</p>
      <ErrorSummary id="request-errors" items={messages.summary} />
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField {...fields.urgency!} {...form.register('urgency')} error={at('urgency')} required aria-required="true" placeholder={t('common.choose')} options={labels.options('urgency')} />
        </div>
        <div className="col-12 col-md-6">
          <SelectField {...fields.level!} {...form.register('level')} error={at('level')} placeholder={t('shelterRequests.form.anyLevel')} options={labels.options('level')} />
        </div>
      </div>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterRequests.form.household')}</legend>
        <TextField {...fields.adults!} {...form.register('adults')} type="number" min={1} max={4} inputMode="numeric" error={at('adults')} required aria-required="true" />
        {children.fields.map((child, i) => (
          <div className="row align-items-end" key={child.id}>
            <div className="col-5">
              <TextField {...fields[`children.${i}.age`]!} {...form.register(`children.${i}.age` as never)} type="number" min={0} max={25} inputMode="numeric" error={at(`children.${i}.age`)} required aria-required="true" />
            </div>
            <div className="col-5">
              <SelectField {...fields[`children.${i}.sex`]!} {...form.register(`children.${i}.sex` as never)} error={at(`children.${i}.sex`)} required aria-required="true" placeholder={t('common.choose')} options={labels.options('childSex')} />
            </div>
            <div className="col-2 mb-4">
              <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => children.remove(i)}>
                {t('shelterRequests.form.removeChild', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => children.append({ age: '', sex: '' } as never)} disabled={children.fields.length >= 12}>
          {t('shelterRequests.form.addChild')}
        </button>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterRequests.form.needs')}</legend>
        {(['wheelchair', 'pets'] as const).map((name) => (
          <div className="form-check" key={name}>
            <input id={`request-${name}`} type="checkbox" {...form.register(name)} />
            <label htmlFor={`request-${name}`}>{t(`shelterRequests.fields.${name}`)}</label>
          </div>
        ))}
        <TextField {...fields.languages!} {...form.register('languages')} error={at('languages')} hint={t('shelterRequests.form.languagesHint')} />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterRequests.form.distance')}</legend>
        <div className="row">
          <div className="col-12 col-md-8">
            <Controller
              control={form.control}
              name="avoidComune"
              render={({ field }) => (
                <ComuneCombobox
                  id={fields.avoidComune!.id}
                  label={fields.avoidComune!.label}
                  hint={t('shelterRequests.form.avoidHint')}
                  error={at('avoidComune')}
                  text={(field.value as { text: string }).text}
                  onText={(text) => field.onChange({ text, code: '' })}
                  onPick={(c) => field.onChange({ text: comuneLabel(c), code: c.istatCode })}
                  ref={field.ref}
                />
              )}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField {...fields.minDistanceKm!} {...form.register('minDistanceKm')} type="number" min={0} max={500} inputMode="numeric" error={at('minDistanceKm')} />
          </div>
        </div>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6">{t('shelterRequests.form.criteria')}</legend>
        <p className="small">{t('shelterRequests.form.criteriaHint')}</p>
        <div className="row">
          {placementCriteria.map((c) => (
            <div className="col-12 col-md-6" key={c}>
              <SelectField id={`request-criteria-${c}`} label={labels.label('criterion', c)} {...form.register(`criteria.${c}` as never)} placeholder={t('shelterRequests.form.notAssessed')} options={labels.options('criterionLevel')} />
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField {...fields.note!} {...form.register('note')} error={at('note')} maxLength={1000} hint={t('shelterRequests.form.noteHint')} />
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
