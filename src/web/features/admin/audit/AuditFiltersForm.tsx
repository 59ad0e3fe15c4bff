import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActionLabel, auditActionLabels, auditFamilies, auditFamilyLabels, auditFamilyOf } from '../../../../shared/audit.labels';
import { auditOutcomes } from '../../../../shared/domain';
import { SelectField, TextField } from '../../../ui/fields';
import { useLabels } from '../../../ui/labels';
import type { AuditFilters } from './audit.api';

const empty: AuditFilters = { family: '', action: '', outcome: '', from: '', to: '' };

/** Filters are applied with a button, never on each keystroke. */
export function AuditFiltersForm({ initial, onApply }: { initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const [f, setF] = useState(initial);
  // The actions of the chosen family (all while none is chosen), by their labels.
  const actionOptions = Object.keys(auditActionLabels)
    .filter((a) => !f.family || auditFamilyOf(a) === f.family)
    .map((a) => ({ value: a, label: auditActionLabel(a, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
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
    onApply(f);
  };

  return (
    <form noValidate onSubmit={onSubmit} className="row g-3 align-items-start mb-4" aria-label={t('audit.filters')}>
      <div className="col-12 col-md-4">
        <SelectField
          id="audit-family"
          label={t('audit.fields.family')}
          placeholder={t('audit.anyFamily')}
          options={auditFamilies.map((family) => ({ value: family, label: auditFamilyLabels[family][lang] }))}
          value={f.family}
          onChange={(e) => {
            const family = e.currentTarget.value;
            // An action of another family would find nothing: it is cleared.
            setF((prev) => ({ ...prev, family, action: prev.action && family && auditFamilyOf(prev.action) !== family ? '' : prev.action }));
          }}
        />
      </div>
      <div className="col-12 col-md-4">
        <SelectField
          id="audit-action"
          label={t('audit.fields.action')}
          placeholder={t('audit.anyAction')}
          options={actionOptions}
          value={f.action}
          onChange={set('action')}
        />
      </div>
      <div className="col-12 col-md-4">
        <SelectField
          id="audit-outcome"
          label={t('audit.fields.outcome')}
          placeholder={t('audit.anyOutcome')}
          options={auditOutcomes.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
          value={f.outcome}
          onChange={set('outcome')}
        />
      </div>
      <div className="col-6 col-md-4">
        <TextField id="audit-from" type="date" label={t('audit.from')} value={f.from} onChange={set('from')} />
      </div>
      <div className="col-6 col-md-4">
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
