import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { eventCreate } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { blank, blankNumber, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { rangeOf } from './cases.form';
import { nowLocalInput, romeLocalToIso } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { EventInput } from './cases.parts.types';

const shape = eventCreate.shape;

/**
 * When, as the `datetime-local` input holds it (Italian time): a moment
 * that has come, sent as an instant with Rome's offset of that day.
 */
const italianTime = z
  .string()
  .transform((value, ctx) => {
    const at = romeLocalToIso(value);
    if (!at) ctx.addIssue({ code: 'custom', message: 'invalid_format' });
    else if (value > nowLocalInput()) ctx.addIssue({ code: 'custom', message: 'in_future' });
    return at ?? z.NEVER;
  });

const schema = eventCreate.extend({
  at: blank(italianTime),
  riskEvent: blank(shape.riskEvent),
  emergency: blank(shape.emergency),
  durationMinutes: blankNumber(shape.durationMinutes),
  notes: blank(shape.notes),
});

const defaults = () => ({ at: nowLocalInput(), channel: 'telefono' as const, type: 'ascolto' as const, riskEvent: '', emergency: '', durationMinutes: '', notes: '' });

/** A contact or interview on the timeline: when (Italian time), how, what, whether it changes the risk, whether it starts or ends the emergency, how long, notes (sealed). */
export function EventForm({ pending, error, onSubmit }: { pending: boolean; error: unknown; onSubmit: (input: EventInput, reset: () => void) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(schema, { defaultValues: defaults() });
  const fields = {
    at: { id: 'event-at', label: t('cases.timeline.at') },
    channel: { id: 'event-channel', label: t('cases.timeline.channel') },
    type: { id: 'event-type', label: t('cases.timeline.type') },
    riskEvent: { id: 'event-risk', label: t('cases.timeline.riskEvent') },
    emergency: { id: 'event-emergency', label: t('cases.timeline.emergency') },
    durationMinutes: { id: 'event-duration', label: t('cases.wizard.duration') },
    notes: { id: 'event-notes', label: t('cases.timeline.notes') },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const input = (key: keyof typeof fields) => ({ ...fields[key], error: messages.at(key), ...form.register(key) });

  return (
    <form noValidate onSubmit={form.handleSubmit((input) => onSubmit(input, () => form.reset(defaults())))} className="case-part-form case-form" aria-labelledby="event-form-title">
      <h3 id="event-form-title" className="h6">
        {t('cases.timeline.addTitle')}
      </h3>
      <ErrorSummary id="event-errors" items={messages.summary} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField {...input('at')} type="datetime-local" hint={t('cases.timeline.atHint')} max={nowLocalInput()} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField {...input('channel')} options={labels.options('eventChannel')} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField {...input('type')} options={labels.options('eventType')} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField {...input('durationMinutes')} type="number" inputMode="numeric" {...rangeOf(shape.durationMinutes)} />
        </div>
        <div className="col-12 col-md-8">
          <SelectField {...input('riskEvent')} placeholder={t('cases.timeline.riskEventNone')} hint={t('cases.timeline.riskEventHint')} options={labels.options('riskEvent')} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12">
          <SelectField {...input('emergency')} placeholder={t('cases.timeline.emergencyNone')} hint={t('cases.timeline.emergencyHint')} options={labels.options('emergencyMark')} />
        </div>
      </div>
      <TextAreaField {...input('notes')} hint={t('cases.timeline.notesHint')} maxLength={maxLengthOf(shape.notes)} />
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.timeline.add')}
      </button>
    </form>
  );
}
