import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardQuery } from '../../../../shared/shelters.structures.api';
import { SelectField, TextField } from '../../../ui/fields';
import { ComuneCombobox } from '../../routing/ComuneCombobox';
import { comuneLabel } from '../../routing/comuni.api';
import { isShelterCode, useShelterLabels } from '../structures/shelters.labels';

export interface Filters {
  level: string;
  province: string;
  wheelchair: boolean;
  pets: boolean;
  children: boolean;
  staffed24h: boolean;
  household: string;
  language: string;
  /** The area's comune as typed and, once chosen, its ISTAT code. */
  areaText: string;
  area: string;
}

export const emptyFilters: Filters = { level: '', province: '', wheelchair: false, pets: false, children: false, staffed24h: false, household: '', language: '', areaText: '', area: '' };

/** The board's query: only what is set, and only well-formed values (the server checks them again). */
export function queryOf(f: Filters): Partial<BoardQuery> {
  const household = Number(f.household);
  return {
    ...(isShelterCode('level', f.level) ? { level: f.level } : {}),
    ...(f.province ? { province: f.province } : {}),
    ...(f.wheelchair ? { wheelchair: true } : {}),
    ...(f.pets ? { pets: true } : {}),
    ...(f.children ? { children: true } : {}),
    ...(f.staffed24h ? { staffed24h: true } : {}),
    ...(Number.isInteger(household) && household >= 1 && household <= 16 ? { household } : {}),
    ...(/^[a-z]{2,3}$/.test(f.language.trim()) ? { language: f.language.trim() } : {}),
    ...(/^\d{6}$/.test(f.area) ? { area: f.area } : {}),
  };
}

/** The board's filters, applied with a button (a plain form: they change the list only). */
export function BoardFilters({ initial, provinces, onApply }: { initial: Filters; provinces: { value: string; label: string }[]; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const [form, setForm] = useState(initial);
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string; checked?: boolean; type?: string } }) => {
    const { value, checked, type } = e.currentTarget;
    setForm((f) => ({ ...f, [key]: type === 'checkbox' ? !!checked : value }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply(form);
  };
  const check = (key: 'wheelchair' | 'pets' | 'children' | 'staffed24h') => (
    <div className="form-check">
      <input id={`board-${key}`} type="checkbox" checked={form[key]} onChange={set(key)} />
      <label htmlFor={`board-${key}`}>{t(`shelterBoard.filters.${key}`)}</label>
    </div>
  );
  // The province chosen stays offered even when the list narrows to it.
  const provinceOptions = provinces.some((p) => p.value === form.province) || !form.province ? provinces : [...provinces, { value: form.province, label: form.province }];
  return (
    <form role="search" noValidate onSubmit={onSubmit} className="board-filters row g-3 align-items-end mb-4" aria-label={t('shelterBoard.filters.label')}>
      <div className="col-12 col-md-4">
        <SelectField id="board-level" label={t('shelterBoard.filters.level')} placeholder={t('shelterBoard.filters.any')} options={labels.options('level')} value={form.level} onChange={set('level')} />
      </div>
      <div className="col-12 col-md-4">
        <SelectField id="board-province" label={t('shelterBoard.filters.province')} placeholder={t('shelterBoard.filters.any')} options={provinceOptions} value={form.province} onChange={set('province')} />
      </div>
      <div className="col-12 col-md-4">
        <TextField id="board-household" label={t('shelterBoard.filters.household')} hint={t('shelterBoard.filters.householdHint')} type="number" min={1} max={16} inputMode="numeric" value={form.household} onChange={set('household')} />
      </div>
      <div className="col-12 col-md-6">
        <ComuneCombobox
          id="board-area"
          label={t('shelterBoard.filters.area')}
          hint={t('shelterBoard.filters.areaHint')}
          text={form.areaText}
          onText={(text) => setForm((f) => ({ ...f, areaText: text, area: /^\d{6}$/.test(text.trim()) ? text.trim() : '' }))}
          onPick={(c) => setForm((f) => ({ ...f, areaText: comuneLabel(c), area: c.istatCode }))}
        />
      </div>
      <div className="col-12 col-md-6">
        <TextField id="board-language" label={t('shelterBoard.filters.language')} hint={t('shelterBoard.filters.languageHint')} maxLength={3} value={form.language} onChange={set('language')} />
      </div>
      <fieldset className="col-12">
        <legend className="h6">{t('shelterBoard.filters.features')}</legend>
        {check('children')}
        {check('wheelchair')}
        {check('pets')}
        {check('staffed24h')}
      </fieldset>
      <div className="col-12 d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary">
          {t('shelterBoard.filters.apply')}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary"
          onClick={() => {
            setForm(emptyFilters);
            onApply(emptyFilters);
          }}
        >
          {t('shelterBoard.filters.clear')}
        </button>
      </div>
    </form>
  );
}
