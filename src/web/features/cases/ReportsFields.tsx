import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import { todayInRome } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { MeasureDraft, ReportDraft } from './profile.form';

/**
 * Reports she made (the legal deadlines run from the day each was
 * registered) and the protection measures requested or granted.
 */
export function ReportsFields(props: {
  reports: ReportDraft[];
  measures: MeasureDraft[];
  onReports: (next: ReportDraft[]) => void;
  onMeasures: (next: MeasureDraft[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { reports, measures, onReports, onMeasures, errors } = props;
  const today = todayInRome();
  const setReport = (i: number, key: keyof ReportDraft, v: string) => onReports(reports.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const setMeasure = (i: number, key: keyof MeasureDraft, v: string) => onMeasures(measures.map((m, j) => (j === i ? { ...m, [key]: v } : m)));
  return (
    <>
      <fieldset className="mb-4" id="profile-reports" tabIndex={-1}>
        <legend className="h5 px-0">{t('cases.reports.legend')}</legend>
        <p className="form-text">{t('cases.reports.hint')}</p>
        {reports.map((r, i) => (
          <div className="row g-3 align-items-start case-list-row" key={i}>
            <div className="col-12 col-md-3">
              <SelectField id={`profile-report-${i}-kind`} label={t('cases.reports.kind', { n: i + 1 })} placeholder={t('common.choose')} options={labels.options('report')} value={r.kind} onChange={(e) => setReport(i, 'kind', e.currentTarget.value)} error={errors[`profile.reports.${i}`]} />
            </div>
            <div className="col-12 col-md-3">
              <TextField id={`profile-report-${i}-on`} type="date" max={today} label={t('cases.reports.registeredOn')} value={r.registeredOn} onChange={(e) => setReport(i, 'registeredOn', e.currentTarget.value)} />
            </div>
            <div className="col-12 col-md-3">
              <TextField id={`profile-report-${i}-requested`} type="date" max={today} label={t('cases.reports.precautionaryRequestedOn')} value={r.precautionaryRequestedOn} onChange={(e) => setReport(i, 'precautionaryRequestedOn', e.currentTarget.value)} />
            </div>
            <div className="col-12 col-md-3">
              <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" onClick={() => onReports(reports.filter((_, j) => j !== i))}>
                {t('cases.reports.remove', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={reports.length >= 20} onClick={() => onReports([...reports, { kind: '', registeredOn: '', precautionaryRequestedOn: '' }])}>
          {t('cases.reports.add')}
        </button>
      </fieldset>
      <fieldset className="mb-4" id="profile-measures" tabIndex={-1}>
        <legend className="h5 px-0">{t('cases.measures.legend')}</legend>
        {measures.map((m, i) => (
          <div className="row g-3 align-items-start case-list-row" key={i}>
            <div className="col-12 col-md-4">
              <SelectField id={`profile-measure-${i}-type`} label={t('cases.measures.type', { n: i + 1 })} placeholder={t('common.choose')} options={labels.options('protection')} value={m.type} onChange={(e) => setMeasure(i, 'type', e.currentTarget.value)} error={errors[`profile.protectionMeasures.${i}`]} />
            </div>
            <div className="col-12 col-md-3">
              <TextField id={`profile-measure-${i}-requested`} type="date" max={today} label={t('cases.measures.requestedOn')} value={m.requestedOn} onChange={(e) => setMeasure(i, 'requestedOn', e.currentTarget.value)} />
            </div>
            <div className="col-12 col-md-3">
              <TextField id={`profile-measure-${i}-granted`} type="date" max={today} label={t('cases.measures.grantedOn')} value={m.grantedOn} onChange={(e) => setMeasure(i, 'grantedOn', e.currentTarget.value)} />
            </div>
            <div className="col-12 col-md-2">
              <button type="button" className="btn btn-sm btn-outline-danger mt-md-4" onClick={() => onMeasures(measures.filter((_, j) => j !== i))}>
                {t('cases.measures.remove', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-outline-primary" disabled={measures.length >= 20} onClick={() => onMeasures([...measures, { type: '', requestedOn: '', grantedOn: '' }])}>
          {t('cases.measures.add')}
        </button>
      </fieldset>
    </>
  );
}
