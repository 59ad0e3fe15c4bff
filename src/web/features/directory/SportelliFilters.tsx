import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { visibilities } from '../../../shared/directory';
import { SelectField, TextField } from '../../ui/fields';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import { comuneLabel } from '../routing/comuni.api';
import type { Named } from './directory.api';

export interface SportelliFilterValues {
  q: string;
  network: string;
  organisation: string;
  comune: string;
  visibility: string;
}

/** Filters applied with a button (each list read may be audited: no search-as-you-type). */
export function SportelliFilters(props: {
  initial: SportelliFilterValues;
  networks: Named[];
  organisations: Named[];
  onApply: (values: SportelliFilterValues) => void;
}) {
  const { t } = useTranslation();
  const { initial, networks, organisations, onApply } = props;
  const [form, setForm] = useState(initial);
  const [comuneText, setComuneText] = useState(initial.comune);
  const set = (key: keyof SportelliFilterValues) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // A code typed by hand is taken as is; a name not chosen from the list filters nothing.
    const typed = comuneText.trim();
    const comune = /^\d{6}$/.test(typed) ? typed : typed ? form.comune : '';
    onApply({ ...form, q: form.q.trim(), comune });
  };
  // mt-4 replaces the row's negative top margin: Bootstrap Italia floats each label above its field, and the first
  // row's labels need room below what comes before them (the "Nuovo sportello" button).
  return (
    <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-start mt-4 mb-2" aria-label={t('directory.sportelli.filters')}>
      <div className="col-12 col-md-6 col-xl-4">
        <TextField id="sportelli-q" type="search" label={t('directory.sportelli.q')} value={form.q} maxLength={100} onChange={set('q')} />
      </div>
      <div className="col-12 col-md-6 col-xl-4">
        <SelectField id="sportelli-network" label={t('directory.fields.network')} placeholder={t('directory.sportelli.all')} options={networks.map((n) => ({ value: n.id, label: n.name }))} value={form.network} onChange={set('network')} />
      </div>
      <div className="col-12 col-md-6 col-xl-4">
        <SelectField id="sportelli-organisation" label={t('directory.fields.organisation')} placeholder={t('directory.sportelli.all')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={form.organisation} onChange={set('organisation')} />
      </div>
      <div className="col-12 col-md-6 col-xl-4">
        <ComuneCombobox
          id="sportelli-comune"
          label={t('directory.fields.comune')}
          hint={t('directory.sportelli.comuneHint')}
          text={comuneText}
          onText={(text) => {
            setComuneText(text);
            if (!text) setForm((f) => ({ ...f, comune: '' }));
          }}
          onPick={(c) => {
            setComuneText(comuneLabel(c));
            setForm((f) => ({ ...f, comune: c.istatCode }));
          }}
        />
      </div>
      <div className="col-12 col-md-6 col-xl-4">
        <SelectField
          id="sportelli-visibility"
          label={t('directory.fields.visibility')}
          placeholder={t('directory.sportelli.all')}
          options={visibilities.map((v) => ({ value: v, label: t(`directory.visibility.${v}.label`) }))}
          value={form.visibility}
          onChange={set('visibility')}
        />
      </div>
      <div className="col-12 form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
      </div>
    </form>
  );
}
