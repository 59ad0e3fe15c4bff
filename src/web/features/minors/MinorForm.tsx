import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { holderFields, MINOR_MAX_HOLDERS, minorFields, type MinorFields, type MinorOut } from '../../../shared/minors.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { blank, blankNumber, type FormField, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { todayInRome } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { TriSelect } from '../cases/TriSelect';

const report = minorFields.shape.report.unwrap().unwrap();
const referral = minorFields.shape.referral.unwrap().unwrap();

/**
 * The API's rules; the report and the referral are "not made yet" while
 * their day is empty (then the other fields of the group are not sent).
 */
const schema = z
  .object({
    age: blankNumber(minorFields.shape.age),
    ageOn: blank(minorFields.shape.ageOn),
    knownOn: blank(minorFields.shape.knownOn),
    holders: z.array(holderFields.extend({ id: blank(holderFields.shape.id), name: blank(holderFields.shape.name), contact: blank(holderFields.shape.contact) })).max(MINOR_MAX_HOLDERS),
    reportOn: blank(report.shape.on.optional()),
    reportTo: blank(report.shape.to.optional()),
    reportBy: blank(report.shape.by),
    reportReference: blank(report.shape.reference),
    referralOn: blank(referral.shape.on.optional()),
    referralService: blank(referral.shape.service),
    referralReference: blank(referral.shape.reference),
    notes: blank(minorFields.shape.notes),
  })
  .superRefine((v, ctx) => {
    if (v.reportOn && !v.reportTo) ctx.addIssue({ code: 'custom', path: ['reportTo'], message: JSON.stringify({ code: 'required' }) });
  })
  .transform(
    (v): MinorFields => ({
      age: v.age,
      ageOn: v.ageOn,
      knownOn: v.knownOn,
      holders: v.holders,
      report: v.reportOn && v.reportTo ? { on: v.reportOn, to: v.reportTo, by: v.reportBy, reference: v.reportReference } : null,
      referral: v.referralOn ? { on: v.referralOn, service: v.referralService, reference: v.referralReference } : null,
      notes: v.notes,
    }),
  );

/** The form's paths as the API's (`report.on` is `reportOn` here): the server's errors land on their field. */
const serverPath: Record<string, string> = { 'report.on': 'reportOn', 'report.to': 'reportTo', 'referral.on': 'referralOn' };

/** The minor's pathway: her age, who holds parental responsibility, the report and the referral. */
export function MinorForm({ current, pending, error, onSubmit, onCancel }: { current: MinorOut['record']; pending: boolean; error: unknown; onSubmit: (fields: MinorFields) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const today = todayInRome();
  const form = useSchemaForm(schema, {
    defaultValues: {
      age: current ? String(current.age) : '',
      ageOn: current?.ageOn ?? today,
      knownOn: current?.knownOn ?? today,
      holders: (current?.holders ?? []).map((h) => ({ id: h.id, relation: h.relation, isAuthor: h.isAuthor, informed: h.informed, name: h.name ?? '', contact: h.contact ?? '' })),
      reportOn: current?.report?.on ?? '',
      reportTo: current?.report?.to ?? '',
      reportBy: current?.report?.by ?? '',
      reportReference: current?.report?.reference ?? '',
      referralOn: current?.referral?.on ?? '',
      referralService: current?.referral?.service ?? '',
      referralReference: current?.referral?.reference ?? '',
      notes: current?.notes ?? '',
    },
  });
  const holders = useFieldArray({ control: form.control, name: 'holders' });
  const holderField = (i: number, name: string, label: string): [string, FormField] => [`holders.${i}.${name}`, { id: `minor-holder-${i}-${name}`, label: `${t('minors.holder', { n: i + 1 })} — ${label}` }];
  const fields: Record<string, FormField> = {
    age: { id: 'minor-age', label: t('minors.age') },
    ageOn: { id: 'minor-age-on', label: t('minors.ageOn') },
    knownOn: { id: 'minor-known-on', label: t('minors.knownOn') },
    holders: { id: 'minor-holder-add', label: t('minors.holders') },
    ...Object.fromEntries(
      holders.fields.flatMap((_, i) => [
        holderField(i, 'id', t('minors.holderRelation')),
        holderField(i, 'relation', t('minors.holderRelation')),
        holderField(i, 'isAuthor', t('minors.holderIsAuthor')),
        holderField(i, 'informed', t('minors.holderInformed')),
        holderField(i, 'name', t('minors.holderName')),
        holderField(i, 'contact', t('minors.holderContact')),
      ]),
    ),
    reportOn: { id: 'minor-report-on', label: t('minors.reportOn') },
    reportTo: { id: 'minor-report-to', label: t('minors.reportTo') },
    reportBy: { id: 'minor-report-by', label: t('minors.reportBy') },
    reportReference: { id: 'minor-report-reference', label: t('minors.reference') },
    referralOn: { id: 'minor-referral-on', label: t('minors.referralOn') },
    referralService: { id: 'minor-referral-service', label: t('minors.referralService') },
    referralReference: { id: 'minor-referral-reference', label: t('minors.reference') },
    notes: { id: 'minor-notes', label: t('minors.notes') },
  };
  for (const [api, own] of Object.entries(serverPath)) fields[api] = fields[own]!;
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_type: t('cases.errors.age') });
  const at = (path: string) => messages.at(path) ?? messages.at(Object.entries(serverPath).find(([, own]) => own === path)?.[0] ?? '');

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="case-part-form case-form" aria-label={t('minors.formLabel')}>
      <ErrorSummary id="minor-errors" items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id={fields.age!.id} type="number" inputMode="numeric" min={0} max={17} label={fields.age!.label} {...form.register('age')} error={at('age')} />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={fields.ageOn!.id} type="date" max={today} label={fields.ageOn!.label} {...form.register('ageOn')} error={at('ageOn')} />
        </div>
        <div className="col-12 col-md-4">
          <TextField id={fields.knownOn!.id} type="date" max={today} label={fields.knownOn!.label} hint={t('minors.knownOnHint')} {...form.register('knownOn')} error={at('knownOn')} />
        </div>
      </div>

      <fieldset className="mb-3">
        <legend className="h6 px-0">{t('minors.holders')}</legend>
        <p className="small">{t('minors.holdersHint')}</p>
        {holders.fields.map((item, i) => (
          <fieldset key={item.id} className="case-part mb-3">
            <legend className="h6 px-0">{t('minors.holder', { n: i + 1 })}</legend>
            <div className="row g-3">
              <div className="col-12 col-md-4">
                <SelectField id={`minor-holder-${i}-relation`} label={t('minors.holderRelation')} options={labels.options('holderRelation')} {...form.register(`holders.${i}.relation`)} error={at(`holders.${i}.relation`) ?? at(`holders.${i}.id`)} />
              </div>
              <div className="col-12 col-md-4">
                <Controller
                  control={form.control}
                  name={`holders.${i}.informed`}
                  render={({ field }) => <TriSelect id={`minor-holder-${i}-informed`} label={t('minors.holderInformed')} value={field.value ?? null} onChange={field.onChange} onBlur={field.onBlur} error={at(`holders.${i}.informed`)} />}
                />
              </div>
              <div className="col-12 col-md-4 d-flex align-items-end">
                <div className="form-check">
                  <input id={`minor-holder-${i}-isAuthor`} type="checkbox" className="form-check-input" {...form.register(`holders.${i}.isAuthor`)} />
                  <label className="form-check-label" htmlFor={`minor-holder-${i}-isAuthor`}>
                    {t('minors.holderIsAuthor')}
                  </label>
                </div>
              </div>
            </div>
            <div className="row g-3">
              <div className="col-12 col-md-6">
                <TextField id={`minor-holder-${i}-name`} label={t('minors.holderName')} autoComplete="off" maxLength={maxLengthOf(holderFields.shape.name)} {...form.register(`holders.${i}.name`)} error={at(`holders.${i}.name`)} />
              </div>
              <div className="col-12 col-md-6">
                <TextField id={`minor-holder-${i}-contact`} label={t('minors.holderContact')} autoComplete="off" maxLength={maxLengthOf(holderFields.shape.contact)} {...form.register(`holders.${i}.contact`)} error={at(`holders.${i}.contact`)} />
              </div>
            </div>
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => holders.remove(i)}>
              {t('minors.holderRemove', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        {holders.fields.length < MINOR_MAX_HOLDERS ? (
          <button
            id="minor-holder-add"
            type="button"
            className="btn btn-sm btn-outline-primary"
            onClick={() => holders.append({ relation: 'madre', isAuthor: false, informed: null, name: '', contact: '' }, { focusName: `holders.${holders.fields.length}.relation` })}
          >
            {t('minors.holderAdd')}
          </button>
        ) : null}
      </fieldset>

      <fieldset className="mb-3">
        <legend className="h6 px-0">{t('minors.report')}</legend>
        <p className="small">{t('minors.reportHint')}</p>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <TextField id={fields.reportOn!.id} type="date" max={today} label={fields.reportOn!.label} {...form.register('reportOn')} error={at('reportOn')} />
          </div>
          <div className="col-12 col-md-8">
            <SelectField id={fields.reportTo!.id} label={fields.reportTo!.label} placeholder={t('minors.choose')} options={labels.options('minorReportTo')} {...form.register('reportTo')} error={at('reportTo')} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id={fields.reportBy!.id} label={fields.reportBy!.label} maxLength={maxLengthOf(report.shape.by)} {...form.register('reportBy')} error={at('reportBy')} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id={fields.reportReference!.id} label={fields.reportReference!.label} maxLength={maxLengthOf(report.shape.reference)} {...form.register('reportReference')} error={at('reportReference')} />
          </div>
        </div>
      </fieldset>

      <fieldset className="mb-3">
        <legend className="h6 px-0">{t('minors.referral')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-4">
            <TextField id={fields.referralOn!.id} type="date" max={today} label={fields.referralOn!.label} {...form.register('referralOn')} error={at('referralOn')} />
          </div>
          <div className="col-12 col-md-8">
            <TextField id={fields.referralService!.id} label={fields.referralService!.label} maxLength={maxLengthOf(referral.shape.service)} {...form.register('referralService')} error={at('referralService')} />
          </div>
          <div className="col-12 col-md-6">
            <TextField id={fields.referralReference!.id} label={fields.referralReference!.label} maxLength={maxLengthOf(referral.shape.reference)} {...form.register('referralReference')} error={at('referralReference')} />
          </div>
        </div>
      </fieldset>

      <TextAreaField id={fields.notes!.id} label={fields.notes!.label} maxLength={maxLengthOf(minorFields.shape.notes)} {...form.register('notes')} error={at('notes')} />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
