import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import { useCaseLabels } from './cases.labels';

export interface CaseloadFilterValues {
  stage: string;
  riskLevel: string;
  mine: boolean;
  code: string;
  staleDays: string;
}

/** The caseload's filters, applied with a button (each read of the caseload is audited). */
export function CaseloadFilters({ initial, onApply }: { initial: CaseloadFilterValues; onApply: (values: CaseloadFilterValues) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [form, setForm] = useState(initial);
  const set = (key: 'stage' | 'riskLevel' | 'code' | 'staleDays') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply({ ...form, code: form.code.trim().toUpperCase(), staleDays: form.staleDays.trim() });
  };
  return (
    <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-2" aria-label={t('cases.caseload.filters')}>
      <div className="col-12 col-md-6 col-xl-3">
        <TextField id="caseload-code" type="search" label={t('cases.caseload.code')} hint={t('cases.caseload.codeHint')} value={form.code} maxLength={20} autoComplete="off" spellCheck={false} onChange={set('code')} />
      </div>
      <div className="col-12 col-md-6 col-xl-3">
        <SelectField id="caseload-stage" label={t('cases.fields.stage')} placeholder={t('cases.caseload.all')} options={labels.options('stage')} value={form.stage} onChange={set('stage')} />
      </div>
      <div className="col-12 col-md-6 col-xl-3">
        <SelectField id="caseload-risk" label={t('cases.fields.risk')} placeholder={t('cases.caseload.all')} options={labels.options('risk')} value={form.riskLevel} onChange={set('riskLevel')} />
      </div>
      <div className="col-12 col-md-6 col-xl-3">
        <TextField
          id="caseload-stale"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          label={t('cases.caseload.staleDays')}
          hint={t('cases.caseload.staleDaysHint')}
          value={form.staleDays}
          onChange={set('staleDays')}
        />
      </div>
      <div className="col-12">
        <div className="form-check">
          <input id="caseload-mine" type="checkbox" checked={form.mine} onChange={(e) => setForm((f) => ({ ...f, mine: e.currentTarget.checked }))} />
          <label htmlFor="caseload-mine">{t('cases.caseload.mine')}</label>
        </div>
      </div>
      <div className="col-12 form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
      </div>
    </form>
  );
}
