import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { unitCreate } from '../../../../shared/shelters.structures.api';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { TextField } from '../../../ui/fields';
import { blank, blankNumber, useFormMessages, useSchemaForm } from '../../../ui/form';
import { type Structure, useStructureWrites } from './structures.api';

const shape = unitCreate.shape;
const unitForm = unitCreate.extend({ label: blank(shape.label), places: blankNumber(shape.places) });
type UnitFormValues = z.input<typeof unitForm>;
const emptyUnit = (): UnitFormValues => ({ label: '', places: '1', wheelchairAccessible: false });

/** A new unit (room or flat) with its places, all free (the head). */
export function UnitForm({ structure }: { structure: Structure }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const writes = useStructureWrites();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useSchemaForm(unitForm, { defaultValues: emptyUnit() });
  const fields = {
    label: { id: 'unit-label', label: t('shelterStructures.unit.label') },
    places: { id: 'unit-places', label: t('shelterStructures.unit.places') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const onSubmit = form.handleSubmit((body) => {
    setPending(true);
    setError(null);
    writes
      .addUnit(structure, body)
      .then(() => {
        form.reset(emptyUnit());
        announce(t('shelterStructures.unit.added', { label: body.label }));
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setPending(false));
  });
  return (
    <form noValidate className="mb-5" aria-labelledby="unit-form-title" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="unit-form-title" className="h4">
        {t('shelterStructures.unit.title')}
      </h2>
      <ErrorSummary id="unit-errors" items={messages.summary} />
      <div className="row align-items-end">
        <div className="col-12 col-md-5">
          <TextField {...fields.label} {...form.register('label')} error={messages.at('label')} required aria-required="true" maxLength={60} hint={t('shelterStructures.unit.labelHint')} />
        </div>
        <div className="col-12 col-md-3">
          <TextField {...fields.places} {...form.register('places')} type="number" min={1} max={30} inputMode="numeric" error={messages.at('places')} required aria-required="true" />
        </div>
        <div className="col-12 col-md-4">
          <div className="form-check mb-4">
            <input id="unit-wheelchair" type="checkbox" {...form.register('wheelchairAccessible')} />
            <label htmlFor="unit-wheelchair">{t('shelterStructures.unit.wheelchair')}</label>
          </div>
        </div>
      </div>
      <button type="submit" className="btn btn-outline-primary" disabled={pending} aria-busy={pending}>
        {t('shelterStructures.unit.add')}
      </button>
    </form>
  );
}
