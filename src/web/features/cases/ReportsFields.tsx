import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PROFILE_MAX_ENTRIES } from '../../../shared/cases.api';
import { SelectField, TextField } from '../../ui/fields';
import type { FormField, FormMessages } from '../../ui/form';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import { emptyMeasure, emptyReport, type StatValues } from './profile.form';

type Rows = Pick<StatValues, 'reports' | 'protectionMeasures'>;

/**
 * The inputs of each report and measure row by their path in the request:
 * element and label, with the row's number (the error summary names
 * "Registrata il (n. 2)").
 */
export function useReportsFields(rows: { reports: number; measures: number }): Record<string, FormField> {
  const { t } = useTranslation();
  const out: Record<string, FormField> = {
    'profile.reports': { id: 'profile-reports', label: t('cases.reports.legend') },
    'profile.protectionMeasures': { id: 'profile-measures', label: t('cases.measures.legend') },
  };
  const numbered = (label: string, i: number) => `${label} (n. ${i + 1})`;
  for (let i = 0; i < rows.reports; i++) {
    out[`profile.reports.${i}.kind`] = { id: `profile-report-${i}-kind`, label: t('cases.reports.kind', { n: i + 1 }) };
    out[`profile.reports.${i}.registeredOn`] = { id: `profile-report-${i}-on`, label: numbered(t('cases.reports.registeredOn'), i) };
    out[`profile.reports.${i}.precautionaryRequestedOn`] = { id: `profile-report-${i}-requested`, label: numbered(t('cases.reports.precautionaryRequestedOn'), i) };
  }
  for (let i = 0; i < rows.measures; i++) {
    out[`profile.protectionMeasures.${i}.type`] = { id: `profile-measure-${i}-type`, label: t('cases.measures.type', { n: i + 1 }) };
    out[`profile.protectionMeasures.${i}.requestedOn`] = { id: `profile-measure-${i}-requested`, label: numbered(t('cases.measures.requestedOn'), i) };
    out[`profile.protectionMeasures.${i}.grantedOn`] = { id: `profile-measure-${i}-granted`, label: numbered(t('cases.measures.grantedOn'), i) };
  }
  return out;
}

/**
 * Reports she made (the legal deadlines run from the day each was
 * registered) and the protection measures requested or granted: rows of
 * the surrounding form's `profile` group (FormProvider).
 */
export function ReportsFields({ fields, messages }: { fields: Record<string, FormField>; messages: FormMessages }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { register, control } = useFormContext<{ profile: Rows }>();
  const reports = useFieldArray({ control, name: 'profile.reports' });
  const measures = useFieldArray({ control, name: 'profile.protectionMeasures' });
  const today = todayInRome();
  const input = (path: string) => ({ id: fields[path]?.id ?? path, label: fields[path]?.label ?? path, error: messages.at(path) });
  return (
    <>
      <fieldset className="mb-4" id="profile-reports" tabIndex={-1}>
        <legend className="h5 px-0">{t('cases.reports.legend')}</legend>
        <p className="form-text">{t('cases.reports.hint')}</p>
        {reports.fields.map((row, i) => (
          <div className="row g-3 align-items-start case-list-row" key={row.id}>
            <div className="col-12 col-md-3">
              <SelectField {...input(`profile.reports.${i}.kind`)} {...register(`profile.reports.${i}.kind`)} placeholder={t('common.choose')} options={labels.options('report')} />
            </div>
            <div className="col-12 col-md-3">
              <TextField {...input(`profile.reports.${i}.registeredOn`)} {...register(`profile.reports.${i}.registeredOn`)} label={t('cases.reports.registeredOn')} type="date" max={today} />
            </div>
            <div className="col-12 col-md-3">
              <TextField {...input(`profile.reports.${i}.precautionaryRequestedOn`)} {...register(`profile.reports.${i}.precautionaryRequestedOn`)} label={t('cases.reports.precautionaryRequestedOn')} type="date" max={today} />
            </div>
            <div className="col-12 col-md-3">
              <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" onClick={() => reports.remove(i)}>
                {t('cases.reports.remove', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={reports.fields.length >= PROFILE_MAX_ENTRIES} onClick={() => reports.append(emptyReport)}>
          {t('cases.reports.add')}
        </button>
      </fieldset>
      <fieldset className="mb-4" id="profile-measures" tabIndex={-1}>
        <legend className="h5 px-0">{t('cases.measures.legend')}</legend>
        {measures.fields.map((row, i) => (
          <div className="row g-3 align-items-start case-list-row" key={row.id}>
            <div className="col-12 col-md-4">
              <SelectField {...input(`profile.protectionMeasures.${i}.type`)} {...register(`profile.protectionMeasures.${i}.type`)} placeholder={t('common.choose')} options={labels.options('protection')} />
            </div>
            <div className="col-12 col-md-3">
              <TextField {...input(`profile.protectionMeasures.${i}.requestedOn`)} {...register(`profile.protectionMeasures.${i}.requestedOn`)} label={t('cases.measures.requestedOn')} type="date" max={today} />
            </div>
            <div className="col-12 col-md-3">
              <TextField {...input(`profile.protectionMeasures.${i}.grantedOn`)} {...register(`profile.protectionMeasures.${i}.grantedOn`)} label={t('cases.measures.grantedOn')} type="date" max={today} />
            </div>
            <div className="col-12 col-md-2">
              <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" onClick={() => measures.remove(i)}>
                {t('cases.measures.remove', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={measures.fields.length >= PROFILE_MAX_ENTRIES} onClick={() => measures.append(emptyMeasure)}>
          {t('cases.measures.add')}
        </button>
      </fieldset>
    </>
  );
}
