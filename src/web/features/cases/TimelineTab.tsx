import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { SelectField, TextField } from '../../ui/fields';
import { PagedResults } from '../../ui/PagedResults';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { createEvent, useEvents } from './cases.api';
import { formatInstant } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { CaseEvent, EventInput } from './cases.parts.types';
import type { CaseRecord } from './cases.types';
import { usePartWrite } from './cases.write';
import { EventForm } from './EventForm';
import { SafeContactBox } from './SafeContactBox';

const PAGE_SIZE = 20;
const noFilters = { type: '', channel: '', from: '', to: '' };

/** Diario: the contacts and interviews, newest first, with filters; recording one. */
export function TimelineTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const me = useMe().data;
  const [form, setForm] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const events = useEvents(record.id, {
    page,
    pageSize: PAGE_SIZE,
    type: isCode('eventType', filters.type) ? filters.type : undefined,
    channel: isCode('eventChannel', filters.channel) ? filters.channel : undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  });
  const save = usePartWrite(record.id, 'events', (input: EventInput) => createEvent(record.id, input));
  const set = (key: keyof typeof noFilters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFilters(form);
    setPage(1);
  };

  return (
    <section aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title" className="h5">
        {t('cases.timeline.title')}
      </h2>
      {record.access.sections.includes('identity') ? <SafeContactBox safeContact={record.safeContact} identity={record.identity} /> : null}
      {can(me, permissions.caseWrite) ? (
        <div className="mt-4">
          {message ? <SuccessAlert>{message}</SuccessAlert> : null}
          <ProblemAlert error={save.error} />
          <EventForm
            pending={save.isPending}
            error={save.error}
            onSubmit={(input, reset) =>
              save.mutate(input, {
                onSuccess: () => {
                  reset();
                  setMessage(t('cases.timeline.added'));
                },
              })
            }
          />
        </div>
      ) : null}

      <h3 id="timeline-history-title" className="h6 mt-5 mb-4">
        {t('cases.timeline.historyTitle')}
      </h3>
      <form role="search" noValidate onSubmit={apply} className="row g-3 align-items-start" aria-label={t('cases.timeline.filters')}>
        <div className="col-12 col-md-6 col-xl-3">
          <SelectField id="timeline-type" label={t('cases.timeline.type')} placeholder={t('cases.caseload.all')} options={labels.options('eventType')} value={form.type} onChange={set('type')} />
        </div>
        <div className="col-12 col-md-6 col-xl-3">
          <SelectField id="timeline-channel" label={t('cases.timeline.channel')} placeholder={t('cases.caseload.all')} options={labels.options('eventChannel')} value={form.channel} onChange={set('channel')} />
        </div>
        <div className="col-12 col-md-6 col-xl-3">
          <TextField id="timeline-from" type="date" label={t('cases.timeline.from')} value={form.from} onChange={set('from')} />
        </div>
        <div className="col-12 col-md-6 col-xl-3">
          <TextField id="timeline-to" type="date" label={t('cases.timeline.to')} value={form.to} onChange={set('to')} />
        </div>
        <div className="col-12 form-actions">
          <button type="submit" className="btn btn-outline-primary">
            {t('cases.timeline.apply')}
          </button>
        </div>
      </form>
      <PagedResults query={events} page={page} pageSize={PAGE_SIZE} count={(total) => t('cases.timeline.count', { count: total })} pagesLabel={t('cases.timeline.pages')} onPage={setPage}>
        {(items) => (
          <ol className="case-timeline" aria-label={t('cases.timeline.listLabel')}>
            {items.map((e) => (
              <TimelineItem key={e.id} event={e} />
            ))}
          </ol>
        )}
      </PagedResults>
    </section>
  );
}

function TimelineItem({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const by = [event.operator, event.organisation.name].filter(Boolean).join(', ');
  return (
    <li className="case-timeline-item">
      <p className="mb-1">
        <strong>{formatInstant(event.at, labels.lang)}</strong> — {labels.label('eventType', event.type)} ({labels.label('eventChannel', event.channel)})
        {event.durationMinutes ? ` — ${t('cases.timeline.minutes', { count: event.durationMinutes })}` : ''}
        {event.riskEvent ? ` — ${t('cases.timeline.riskEventShown', { event: labels.label('riskEvent', event.riskEvent) })}` : ''}
        {event.emergency ? ` — ${t(`cases.timeline.emergencyShown.${event.emergency}`)}` : ''}
      </p>
      <p className="mb-1 small">{t('cases.timeline.by', { by })}</p>
      {event.notes ? <p className="mb-0 case-notes">{event.notes}</p> : null}
    </li>
  );
}
