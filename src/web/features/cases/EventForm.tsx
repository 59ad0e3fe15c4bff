import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { nowLocalInput, optional, romeLocalToIso, wholeNumber } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { EventInput } from './cases.parts.types';
import { summaryItems, useCaseErrors } from './useCaseErrors';

const fieldIds: Record<string, string> = { at: 'event-at', channel: 'event-channel', type: 'event-type', durationMinutes: 'event-duration', notes: 'event-notes' };

/** A contact or interview on the timeline: when (Italian time), how, what, how long, notes (sealed). */
export function EventForm({ pending, error, onSubmit }: { pending: boolean; error: unknown; onSubmit: (input: EventInput, reset: () => void) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const blank = () => ({ at: nowLocalInput(), channel: 'telefono', type: 'ascolto', duration: '', notes: '' });
  const [f, setF] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = useCaseErrors(error);
  const errors = { ...server, ...local };
  const text = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setF((prev) => ({ ...prev, [key]: value }));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const at = romeLocalToIso(f.at);
    if (!at) found.at = t('cases.errors.required');
    else if (f.at > nowLocalInput()) found.at = t('cases.errors.future');
    const duration = wholeNumber(f.duration, 1, 600);
    if (Number.isNaN(duration)) found.durationMinutes = t('cases.errors.duration');
    setLocal(found);
    if (Object.keys(found).length || !at) return;
    const notes = optional(f.notes);
    onSubmit(
      {
        at,
        channel: isCode('eventChannel', f.channel) ? f.channel : 'telefono',
        type: isCode('eventType', f.type) ? f.type : 'ascolto',
        ...(duration ? { durationMinutes: duration } : {}),
        ...(notes ? { notes } : {}),
      },
      () => setF(blank()),
    );
  };

  return (
    <form noValidate onSubmit={submit} className="case-part-form case-form" aria-labelledby="event-form-title">
      <h3 id="event-form-title" className="h6">
        {t('cases.timeline.addTitle')}
      </h3>
      <ErrorSummary id="event-errors" items={summaryItems(errors, fieldIds)} />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id="event-at" type="datetime-local" label={t('cases.timeline.at')} hint={t('cases.timeline.atHint')} max={nowLocalInput()} value={f.at} onChange={text('at')} error={errors.at} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField id="event-channel" label={t('cases.timeline.channel')} options={labels.options('eventChannel')} value={f.channel} onChange={text('channel')} error={errors.channel} />
        </div>
        <div className="col-12 col-md-4">
          <SelectField id="event-type" label={t('cases.timeline.type')} options={labels.options('eventType')} value={f.type} onChange={text('type')} error={errors.type} />
        </div>
      </div>
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField id="event-duration" type="number" inputMode="numeric" min={1} max={600} label={t('cases.wizard.duration')} value={f.duration} onChange={text('duration')} error={errors.durationMinutes} />
        </div>
      </div>
      <TextAreaField id="event-notes" label={t('cases.timeline.notes')} hint={t('cases.timeline.notesHint')} value={f.notes} maxLength={4000} onChange={text('notes')} error={errors.notes} />
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.timeline.add')}
      </button>
    </form>
  );
}
