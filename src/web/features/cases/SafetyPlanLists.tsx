import type { ReactNode } from 'react';
import { useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SAFETY_PLAN_LIMITS } from '../../../shared/safety-plan.api';
import { SelectField, TextField } from '../../ui/fields';
import type { FormField } from '../../ui/form';
import type { SafetyPlanFormValues } from './safetyPlan.form';
import { useSafetyPlanLabels } from './safetyPlan.labels';
import { useFocusAfter } from './useFocusAfter';

type ListName = 'safePlaces' | 'contacts' | 'extraNumbers';
/** Each list's fields, as the form and its error summary name them. */
export const LIST_FIELDS = { safePlaces: ['kind', 'description'], contacts: ['name', 'phone', 'relationship'], extraNumbers: ['label', 'number'] } as const;
const BLANK: { [K in ListName]: SafetyPlanFormValues[K][number] } = {
  safePlaces: { kind: '' as never, description: '' },
  contacts: { name: '', phone: '', relationship: '' as never },
  extraNumbers: { label: '', number: '' },
};

interface ListProps {
  control: Control<SafetyPlanFormValues>;
  register: UseFormRegister<SafetyPlanFormValues>;
  /** Ids and labels of every row's fields, by path (`contacts.0.phone`). */
  fields: Record<string, FormField>;
  errorAt: (path: string) => string | undefined;
}

/** The id of a row's field (the error summary links to it). */
export const rowFieldId = (list: ListName, index: number, field: string) => `sp-${list}-${index}-${field}`;

/**
 * One list of the plan (safe places, people to call, other numbers): a
 * fieldset of rows, each in its own fieldset whose legend numbers it, with
 * a remove button that says which row; an add button while the list is
 * under its limit. The focus goes to the new row's first field, or back to
 * the add button after a removal.
 */
function ListFieldset({ name, legend, hint, control, register, fields, errorAt, row }: ListProps & { name: ListName; legend: string; hint?: string; row: (i: number, field: (f: string) => { id: string; label: string; error: string | undefined } & ReturnType<UseFormRegister<SafetyPlanFormValues>>) => ReactNode }) {
  const { t } = useTranslation();
  const focus = useFocusAfter();
  const list = useFieldArray({ control, name });
  const addId = `sp-${name}-add`;
  const limit = SAFETY_PLAN_LIMITS[name];
  const own = (i: number, f: string) => {
    const path = `${name}.${i}.${f}`;
    const field = fields[path] ?? { id: path, label: f };
    return { ...field, error: errorAt(path), ...register(path as `${ListName}.${number}.${string}` as never) };
  };
  return (
    <fieldset className="mb-4" aria-describedby={hint ? `sp-${name}-hint` : undefined}>
      <legend className="h6">{legend}</legend>
      {hint ? (
        <p id={`sp-${name}-hint`} className="form-text">
          {hint}
        </p>
      ) : null}
      {errorAt(name) && !list.fields.some((_, i) => errorAt(`${name}.${i}`)) ? <div className="invalid-feedback d-block mb-2">{errorAt(name)}</div> : null}
      {list.fields.length === 0 ? <p>{t(`safetyPlan.${name}.none`)}</p> : null}
      {list.fields.map((item, i) => (
        <fieldset key={item.id} className="case-part">
          <legend className="fs-6 fw-semibold px-0">{t(`safetyPlan.${name}.item`, { n: i + 1 })}</legend>
          {row(i, (f) => own(i, f))}
          <button
            type="button"
            className="btn btn-sm btn-outline-danger"
            onClick={() => {
              list.remove(i);
              focus(addId);
            }}
          >
            {t(`safetyPlan.${name}.remove`, { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {list.fields.length < limit ? (
        <button id={addId} type="button" className="btn btn-sm btn-outline-primary" onClick={() => list.append({ ...BLANK[name] } as never, { focusName: `${name}.${list.fields.length}.${LIST_FIELDS[name][0]}` })}>
          {t(`safetyPlan.${name}.add`)}
        </button>
      ) : (
        <p className="form-text">{t('safetyPlan.listFull', { count: limit })}</p>
      )}
    </fieldset>
  );
}

/** The three lists of the plan. */
export function SafetyPlanLists(props: ListProps) {
  const { t } = useTranslation();
  const labels = useSafetyPlanLabels();
  const L = SAFETY_PLAN_LIMITS;
  return (
    <>
      <ListFieldset
        {...props}
        name="safePlaces"
        legend={t('safetyPlan.safePlaces.title')}
        hint={t('safetyPlan.safePlaces.hint')}
        row={(_, f) => (
          <div className="row g-3">
            <div className="col-12 col-md-5">
              <SelectField {...f('kind')} placeholder={t('common.choose')} aria-required="true" options={labels.options('safePlace')} />
            </div>
            <div className="col-12 col-md-7">
              <TextField {...f('description')} maxLength={L.description} autoComplete="off" />
            </div>
          </div>
        )}
      />
      <ListFieldset
        {...props}
        name="contacts"
        legend={t('safetyPlan.contacts.title')}
        row={(_, f) => (
          <div className="row g-3">
            <div className="col-12 col-md-4">
              <TextField {...f('name')} maxLength={L.name} aria-required="true" autoComplete="off" />
            </div>
            <div className="col-12 col-md-4">
              <TextField {...f('phone')} type="tel" aria-required="true" autoComplete="off" />
            </div>
            <div className="col-12 col-md-4">
              <SelectField {...f('relationship')} placeholder={t('common.choose')} aria-required="true" options={labels.options('relationship')} />
            </div>
          </div>
        )}
      />
      <ListFieldset
        {...props}
        name="extraNumbers"
        legend={t('safetyPlan.extraNumbers.title')}
        hint={t('safetyPlan.extraNumbers.hint')}
        row={(_, f) => (
          <div className="row g-3">
            <div className="col-12 col-md-7">
              <TextField {...f('label')} maxLength={L.numberLabel} aria-required="true" autoComplete="off" />
            </div>
            <div className="col-12 col-md-5">
              <TextField {...f('number')} type="tel" aria-required="true" autoComplete="off" />
            </div>
          </div>
        )}
      />
    </>
  );
}
