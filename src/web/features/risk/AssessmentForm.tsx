import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { answerLabels, presenceAnswers, yesNoAnswers, type Instrument, type InstrumentItem } from '../../../shared/risk/instrument';
import { judgementLevels } from '../../../shared/risk/assess';
import { assessmentCreate, type AssessmentCreate } from '../../../shared/risk.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm, type FormField } from '../../ui/form';
import { todayInRome } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { RiskBadge } from '../cases/CaseBadges';
import { assessmentForm, emptyAssessment, judgementDirection, liveAssessment, scaleValues } from './risk.form';

const PREFIX = 'risk-form';
const itemId = (id: string) => `${PREFIX}-item-${id}`;

interface Choice {
  value: string;
  label: string;
}

/** An item's choices: its type's codes, or a scale's numbers (ends named) and "not known". */
function useChoices(item: InstrumentItem): Choice[] {
  const { lang } = useCaseLabels();
  const a = item.answer;
  if (a.kind === 'yes_no_unknown') return yesNoAnswers.map((v) => ({ value: v, label: answerLabels[v][lang] }));
  if (a.kind === 'absent_partial_present') return presenceAnswers.map((v) => ({ value: v, label: answerLabels[v][lang] }));
  const values = scaleValues(item);
  return [
    ...values.map((v, i) => {
      const end = i === 0 ? a.minLabel : i === values.length - 1 ? a.maxLabel : undefined;
      return { value: String(v), label: end ? `${v} — ${end[lang]}` : String(v) };
    }),
    { value: 'non_noto', label: answerLabels.non_noto[lang] },
  ];
}

/** One item: a radio group (a fieldset with the item's text as legend), its help, and "critical" said in words. */
function ItemField({ item, n, field, error }: { item: InstrumentItem; n: number; field: UseFormRegisterReturn; error: string | undefined }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const choices = useChoices(item);
  const id = itemId(item.id);
  const described = [item.help ? `${id}-help` : '', item.critical ? `${id}-critical` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="risk-item" aria-describedby={described || undefined}>
      <legend className="fs-6 fw-semibold px-0">
        {n}. {item.text[labels.lang]}
      </legend>
      {item.critical ? (
        <p id={`${id}-critical`} className="risk-critical mb-2">
          {t('risk.form.critical', { level: labels.label('risk', item.critical.level) })}
        </p>
      ) : null}
      {item.help ? (
        <small id={`${id}-help`} className="form-text d-block mb-2">
          {item.help[labels.lang]}
        </small>
      ) : null}
      <div className="risk-choices">
        {choices.map((c, i) => {
          const choiceId = i === 0 ? id : `${id}-${c.value}`;
          return (
            <div className="form-check form-check-inline" key={c.value}>
              <input id={choiceId} type="radio" value={c.value} {...field} aria-invalid={error ? true : undefined} />
              <label htmlFor={choiceId}>{c.label}</label>
            </div>
          );
        })}
      </div>
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * A new assessment, generated from the instrument: its sections as
 * fieldsets, each item a radio group; the score and computed level are
 * worked out live by the engine the server runs; the professional
 * judgement may change the level, with a reason (a lowering is called out).
 */
export function AssessmentForm({
  instrumentId,
  instrument,
  pending,
  error,
  onSubmit,
}: {
  instrumentId: string;
  instrument: Instrument;
  pending: boolean;
  error: unknown;
  onSubmit: (input: AssessmentCreate) => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const schema = useMemo(() => assessmentForm(instrument), [instrument]);
  const form = useSchemaForm(schema, { defaultValues: emptyAssessment(instrumentId, todayInRome()) });
  const live = liveAssessment(instrument, form.watch('answers'));
  const chosen = form.watch('judgementLevel');
  const chosenLevel = judgementLevels(instrument).find((l) => l === chosen);
  const direction = judgementDirection(live.computedLevel, chosenLevel);
  const reasonNeeded = direction !== 'same' || live.computedLevel === null;

  const fields: Record<string, FormField> = {
    instrumentId: { id: `${PREFIX}-instrument`, label: t('risk.form.instrument') },
    judgementLevel: { id: `${PREFIX}-judgement`, label: t('risk.form.judgement') },
    reason: { id: `${PREFIX}-reason`, label: t('risk.form.reason') },
    occasion: { id: `${PREFIX}-occasion`, label: t('risk.form.occasion') },
    assessedOn: { id: `${PREFIX}-on`, label: t('risk.form.assessedOn') },
    answers: { id: `${PREFIX}-sections`, label: t('risk.form.answers') },
  };
  let n = 0;
  for (const s of instrument.sections) for (const item of s.items) fields[`answers.${item.id}`] = { id: itemId(item.id), label: `${(n += 1)}. ${item.text[lang]}` };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const levelOptions = judgementLevels(instrument).map((l) => ({ value: l, label: labels.label('risk', l) }));
  const computedName = live.computedLevel ? labels.label('risk', live.computedLevel) : null;
  let counter = 0;

  return (
    <form noValidate onSubmit={form.handleSubmit((v) => onSubmit(v as AssessmentCreate))} className="case-part-form case-form risk-form" aria-labelledby={`${PREFIX}-title`}>
      <h3 id={`${PREFIX}-title`} className="h6">
        {t('risk.form.title', { name: instrument.name[lang], version: instrument.version })}
      </h3>
      {instrument.notice ? (
        <div className={`callout ${instrument.example ? 'warning' : 'note'}`}>
          <div className="callout-inner">
            {instrument.example ? (
              <div className="callout-title">
                <span className="text">{t('risk.example')}</span>
              </div>
            ) : null}
            <p className="mb-0">{instrument.notice[lang]}</p>
          </div>
        </div>
      ) : null}
      {instrument.source ? <p className="small">{t('risk.form.source', { source: instrument.source })}</p> : null}
      <p>{t('risk.form.intro')}</p>
      <ErrorSummary id={`${PREFIX}-errors`} items={messages.summary} />
      <div id={fields.answers?.id}>
        {instrument.sections.map((section) => (
          <fieldset key={section.id} className="risk-section">
            <legend className="h6">{section.title[lang]}</legend>
            {section.items.map((item) => {
              counter += 1;
              return <ItemField key={item.id} item={item} n={counter} field={form.register(`answers.${item.id}`)} error={messages.at(`answers.${item.id}`)} />;
            })}
          </fieldset>
        ))}
      </div>

      <section className="risk-live" aria-labelledby={`${PREFIX}-live-title`}>
        <h4 id={`${PREFIX}-live-title`} className="h6">
          {t('risk.form.liveTitle')}
        </h4>
        {/* Read out politely as she answers: the level, not every figure. */}
        <p role="status" className="mb-1">
          {computedName ? (
            <>
              {t('risk.form.computed')} <RiskBadge level={live.computedLevel} />
            </>
          ) : (
            t('risk.form.noComputed')
          )}
        </p>
        <ul className="mb-0">
          {live.score !== null ? <li>{t('risk.form.score', { score: live.score.toLocaleString(lang), max: (live.maxScore ?? 0).toLocaleString(lang) })}</li> : <li>{t('risk.form.spj')}</li>}
          {live.bandLevel && live.bandLevel !== live.computedLevel ? <li>{t('risk.form.band', { level: labels.label('risk', live.bandLevel) })}</li> : null}
          {live.critical.length ? <li>{t('risk.form.criticalFired', { count: live.critical.length, level: computedName ?? '' })}</li> : null}
          <li>{t('risk.form.answered', { count: countOf(instrument) - live.missing.length, total: countOf(instrument), unknown: live.unknown.length })}</li>
        </ul>
        {live.tooManyUnknown ? <p className="fw-semibold mt-2 mb-0">{t('risk.form.tooManyUnknown')}</p> : null}
      </section>

      <div className="row g-3 mt-2">
        <div className="col-12 col-md-6">
          <SelectField
            {...fields.judgementLevel!}
            {...form.register('judgementLevel')}
            options={levelOptions}
            placeholder={computedName ? t('risk.form.keepComputed', { level: computedName }) : t('common.choose')}
            hint={t('risk.form.judgementHint')}
            error={messages.at('judgementLevel')}
          />
        </div>
      </div>
      {direction === 'lowered' && chosenLevel && computedName ? (
        <div className="callout danger" id={`${PREFIX}-lowered`}>
          <div className="callout-inner">
            <div className="callout-title">
              <span className="text">{t('risk.form.loweredTitle')}</span>
            </div>
            <p className="mb-0">{t('risk.form.lowered', { from: computedName, to: labels.label('risk', chosenLevel) })}</p>
          </div>
        </div>
      ) : null}
      {direction === 'raised' && chosenLevel && computedName ? <p className="fw-semibold">{t('risk.form.raised', { from: computedName, to: labels.label('risk', chosenLevel) })}</p> : null}
      <TextAreaField
        {...fields.reason!}
        {...form.register('reason')}
        hint={reasonNeeded ? t('risk.form.reasonRequired') : t('risk.form.reasonHint')}
        aria-required={reasonNeeded}
        maxLength={maxLengthOf(assessmentCreate.shape.reason)}
        error={messages.at('reason')}
      />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField {...fields.occasion!} {...form.register('occasion')} options={labels.options('riskOccasion')} placeholder={t('common.choose')} error={messages.at('occasion')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...fields.assessedOn!} {...form.register('assessedOn')} type="date" max={todayInRome()} error={messages.at('assessedOn')} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('risk.form.save')}
      </button>
    </form>
  );
}

const countOf = (instrument: Instrument) => instrument.sections.reduce((n, s) => n + s.items.length, 0);
