import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditOutcomes } from '../../../../shared/domain';
import { SelectField, TextField } from '../../../ui/fields';
import type { AuditFilters } from './audit.api';

const empty: AuditFilters = { action: '', outcome: '', from: '', to: '' };

/** Filters are applied with a button, never on each keystroke. */
export function AuditFiltersForm({ initial, onApply }: { initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState(initial);
  const [rangeError, setRangeError] = useState<string | undefined>();
  // Read the value now: the event's currentTarget is gone when the updater runs.
  const set = (key: keyof AuditFilters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (f.from && f.to && f.from > f.to) {
      setRangeError(t('audit.rangeError'));
      document.getElementById('audit-to')?.focus();
      return;
    }
    setRangeError(undefined);
    onApply({ ...f, action: f.action.trim() });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-4" aria-label={t('audit.filters')}>
      <div className="col-12 col-md-6 col-lg-3">
        <TextField
          id="audit-action"
          label={t('audit.fields.action')}
          hint={t('audit.actionHint')}
          value={f.action}
          onChange={set('action')}
        />
      </div>
      <div className="col-12 col-md-6 col-lg-3">
        <SelectField
          id="audit-outcome"
          label={t('audit.fields.outcome')}
          placeholder={t('audit.anyOutcome')}
          options={auditOutcomes.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
          value={f.outcome}
          onChange={set('outcome')}
        />
      </div>
      <div className="col-6 col-lg-2">
        <TextField id="audit-from" type="date" label={t('audit.from')} value={f.from} onChange={set('from')} />
      </div>
      <div className="col-6 col-lg-2">
        <TextField
          id="audit-to"
          type="date"
          label={t('audit.to')}
          value={f.to}
          onChange={set('to')}
          error={rangeError}
        />
      </div>
      <div className="col-12 form-actions d-flex gap-2">
        <button type="submit" className="btn btn-primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary"
          onClick={() => {
            setF(empty);
            setRangeError(undefined);
            onApply(empty);
          }}
        >
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}
