import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicLanguage } from '../../../shared/directory';
import { scheduleText } from '../../../shared/hours-text';
import type { Lang } from '../../../shared/labels';
import { useLabels } from '../../ui/labels';
import type { TransferAnswer } from './routing.api';
import { formatTime, formatWhen, textDirection } from './routing.format';
import { comuneLabel } from './comuni.api';

/** A phone number as a link (a softphone can dial it), spaces kept for reading. */
function Phone({ number }: { number: string }) {
  return <a href={`tel:${number.replace(/[^\d+]/g, '')}`}>{number}</a>;
}

type Referent = NonNullable<TransferAnswer['referent']>;

/** Hours in words ("lun–ven 9:00–13:00; festivi chiuso"); the expression as written only when it is not a regular week. */
function hoursText(schedule: Referent['openingSchedule'], expression: string | null, lang: Lang): string {
  return schedule ? scheduleText(schedule, lang) : (expression ?? '—');
}

/**
 * The routing decision, readable at a glance: TRASFERISCI with the number
 * or INFORMA with what to read out, then the referent's contacts. The
 * action is in words, never in colour alone.
 */
export function TransferAnswerView({ answer, caller, headingRef }: { answer: TransferAnswer; caller: PublicLanguage; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const r = answer.referent;
  const comune = comuneLabel(answer.comune);
  const line = answer.h24Line;
  // The referent while it answers; else the network's 24-hour line (the referent is closed).
  const transfer =
    answer.action !== 'transfer'
      ? null
      : r?.transferPhone
        ? { phone: r.transferPhone, text: t('routing.answer.transferTo', { service: r.name, organisation: r.organisation.name }) }
        : line
          ? { phone: line.transferPhone, text: t('routing.answer.transferH24To', { service: line.name, organisation: line.organisation.name }) }
          : null;
  // The answer has the message in every language: Italian, and hers (switching it asks nothing again).
  const messages = answer.message.filter((m) => m.lang === 'it' || m.lang === caller);

  return (
    <section aria-labelledby="routing-answer-title" className="routing-answer">
      <h2 id="routing-answer-title" ref={headingRef} tabIndex={-1} className="h4 mb-3">
        {t('routing.answer.title', { comune })}
      </h2>

      {answer.nearestNetwork ? (
        <div className="alert alert-warning" data-testid="routing-nearest">
          <p className="fw-semibold mb-1">{t('routing.answer.nearestTitle')}</p>
          <p className="mb-0">
            {t('routing.answer.nearest', { comune: answer.comune.name, network: answer.nearestNetwork.name, km: Math.round(answer.nearestNetwork.distanceKm) })}
          </p>
        </div>
      ) : null}
      {!answer.network && !answer.nearestNetwork ? (
        <div className="alert alert-warning">
          <p className="mb-0">{t('routing.answer.noNetwork', { comune: answer.comune.name })}</p>
        </div>
      ) : null}

      {transfer ? (
        <div className="routing-action routing-action-transfer" data-testid="routing-action">
          <p className="routing-action-verb">{t('routing.answer.transfer')}</p>
          <p className="routing-action-number">
            <Phone number={transfer.phone} />
          </p>
          <p className="mb-0">{transfer.text}</p>
        </div>
      ) : (
        <div className="routing-action routing-action-inform" data-testid="routing-action">
          <p className="routing-action-verb">{t('routing.answer.inform')}</p>
          <p className="mb-0">{t('routing.answer.informText')}</p>
        </div>
      )}

      <h3 className="h5 mt-4">{t('routing.answer.message')}</h3>
      {messages.map((m) => (
        <figure key={m.lang} className="routing-message">
          <figcaption className="small fw-semibold">{t(`routing.languages.${m.lang}`)}</figcaption>
          <blockquote lang={m.lang} dir={textDirection(m.lang)} className="mb-0">
            {m.text}
          </blockquote>
        </figure>
      ))}

      {answer.nextOpening ? (
        <p className="mt-3">
          <span className="fw-semibold">{t('routing.answer.nextPhoneOpening')}: </span>
          {t('routing.answer.nextOpeningText', { when: formatWhen(answer.nextOpening.at, lang), sportello: answer.nextOpening.sportello.name })}
        </p>
      ) : null}

      {answer.network ? (
        <p className="mt-3">
          <span className="fw-semibold">{t('routing.answer.network')}: </span>
          {answer.network.name}
        </p>
      ) : null}

      {r ? (
        <>
          <h3 className="h5 mt-4">{answer.nearestNetwork ? t('routing.answer.nearestReferent') : t('routing.answer.referent')}</h3>
          {r.visibility === 'reserved' ? (
            <p className="small" data-testid="routing-reserved">
              {t('routing.answer.reserved')}
            </p>
          ) : null}
          <dl className="routing-referent">
            <dt>{t('routing.referent.service')}</dt>
            <dd>
              {r.name} — {r.organisation.name}
            </dd>
            <dt>{t('routing.referent.now')}</dt>
            <dd>
              <span className="d-block">
                {r.phoneOpenNow
                  ? r.closesAt
                    ? t('routing.referent.phoneOpenUntil', { time: formatTime(r.closesAt, lang) })
                    : t('routing.referent.phoneOpen')
                  : t('routing.referent.phoneClosed')}
              </span>
              <span className="d-block">{r.openNow ? t('routing.referent.inPersonOpen') : t('routing.referent.inPersonClosed')}</span>
            </dd>
            {r.phones.length ? (
              <>
                <dt>{t('routing.referent.phones')}</dt>
                <dd>
                  {r.phones.map((p, i) => (
                    <span key={p}>
                      {i > 0 ? ', ' : null}
                      <Phone number={p} />
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
            {r.email ? (
              <>
                <dt>{t('routing.referent.email')}</dt>
                <dd>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </dd>
              </>
            ) : null}
            <dt>{r.address ? t('routing.referent.address') : t('routing.referent.comune')}</dt>
            <dd>
              {r.address ? `${r.address}, ` : ''}
              {r.comune.name}
            </dd>
            <dt>{t('routing.referent.phoneHours')}</dt>
            <dd data-testid="routing-phone-hours">
              {r.h24 ? t('routing.referent.h24') : r.phoneHours ? hoursText(r.phoneSchedule, r.phoneHours, lang) : hoursText(r.openingSchedule, r.openingHours, lang)}
            </dd>
            <dt>{t('routing.referent.openingHours')}</dt>
            <dd data-testid="routing-opening-hours">{hoursText(r.openingSchedule, r.openingHours, lang)}</dd>
            {answer.nearestNetwork ? (
              <>
                <dt>{t('routing.referent.distance')}</dt>
                <dd data-testid="routing-distance">{t('routing.referent.distanceText', { km: Math.round(r.distanceKm), comune: answer.comune.name })}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}
    </section>
  );
}
