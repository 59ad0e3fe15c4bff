import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { createConsent, revokeConsent, useConsents, usePartSaved } from './cases.api';
import { formatDayLong, formatInstantDay } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { Consent, ConsentInput } from './cases.parts.types';
import type { CaseRecord } from './cases.types';
import { usePartWrite } from './cases.write';
import { documentHref } from './documents.api';
import { useReferralLabels } from '../referrals/referrals.labels';
import { ConsentForm } from './ConsentForm';
import { consentGiverText } from './consents.giver';
import { useMinor } from '../minors/minor.api';
import type { MinorOut } from '../../../shared/minors.api';

/** A consent of the ledger as a sentence in plain language, built from its codes. */
export function useConsentText() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const referralLabels = useReferralLabels();
  const { lang } = labels;
  const locale = lang === 'en' ? 'en-GB' : 'it-IT';
  const day = (d: string) => formatDayLong(d, lang);
  const channelOf = (c: Consent) => (c.channel ? labels.label('contactVia', c.channel) : t('cases.consents.anyChannel'));
  const recipientOf = (c: Consent) => c.recipient?.name ?? t('cases.consents.unknownRecipient');
  return {
    sentence(c: Consent): string {
      const common = { date: day(c.givenOn), form: t(`cases.consents.formPhrase.${c.form}`) };
      switch (c.purpose) {
        case 'condivisione': {
          const shared = t('cases.consents.sentence.condivisione', {
            ...common,
            recipient: recipientOf(c),
            sections: c.sections.map((s) => labels.label('section', s).toLocaleLowerCase(locale)).join(', '),
          });
          // What she may be referred to that organisation for (docs/referrals.md).
          const purposes = c.referralPurposes.map((p) => referralLabels.label('purpose', p).toLocaleLowerCase(locale)).join(', ');
          return purposes ? `${shared} ${t('referrals.consent.sentence', { purposes })}` : shared;
        }
        case 'contatto':
          return t('cases.consents.sentence.contatto', { ...common, channel: channelOf(c) });
        default:
          return t(`cases.consents.sentence.${c.purpose}`, common);
      }
    },
    status(c: Consent): string {
      if (c.revokedAt) return t('cases.consents.revokedOn', { date: formatInstantDay(c.revokedAt, lang) });
      if (!c.active && c.expiresOn) return t('cases.consents.expiredOn', { date: day(c.expiresOn) });
      return c.expiresOn ? t('cases.consents.activeUntil', { date: day(c.expiresOn) }) : t('cases.consents.active');
    },
    /** On a minor's case, who gave it (null on an adult's, or for a reader without the minor section). */
    givenBy(c: Consent, minor: MinorOut['record'] | null): string | null {
      return consentGiverText(c, minor, lang, (key, options) => t(key, options));
    },
    revokeLabel(c: Consent): string {
      if (c.purpose === 'condivisione') return t('cases.consents.revoke.condivisione', { recipient: recipientOf(c) });
      if (c.purpose === 'contatto') return t('cases.consents.revoke.contatto', { channel: channelOf(c) });
      return t(`cases.consents.revoke.${c.purpose}`);
    },
  };
}

/** Consensi: the ledger of what she agreed to (and revoked), in plain sentences; recording and revoking. */
export function ConsentsTab({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const { lang } = useCaseLabels();
  const text = useConsentText();
  const consents = useConsents(record.id);
  const partSaved = usePartSaved(record.id);
  const [message, setMessage] = useState<string | null>(null);
  // Only the owning organisation records or revokes her consents.
  const mayWrite = can(me, permissions.caseWrite) && record.access.acts.manageConsents;
  const seesDocuments = record.access.sections.includes('documents');
  // Who gave each consent is shown on a minor's case, to whoever holds its minor section (the same reading as the Minorenne tab).
  const holdsMinor = record.access.sections.includes('minor');
  const minorRecord = useMinor(record.id, holdsMinor).data?.record ?? null;
  const minor = holdsMinor ? minorRecord : null;
  const save = usePartWrite(record.id, 'consents', (input: ConsentInput) => createConsent(record.id, input));
  const revoke = useMutation({
    mutationFn: (c: Consent) => revokeConsent(record.id, c.id),
    onMutate: () => setMessage(null),
    onSuccess: () => {
      partSaved('consents');
      partSaved('team');
      setMessage(t('cases.consents.revoked'));
    },
  });

  return (
    <section aria-labelledby="case-consents-title">
      <h2 id="case-consents-title" className="h5">
        {t('cases.consents.title')}
      </h2>
      <p>{t('cases.consents.intro')}</p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <ProblemAlert error={consents.error ?? revoke.error} />
      {consents.isPending ? <Loading /> : null}
      {consents.data?.length === 0 ? <p>{t('cases.consents.none')}</p> : null}
      {consents.data?.length ? (
        <ul className="case-ledger" data-testid="consent-ledger">
          {consents.data.map((c) => (
            <li key={c.id} className={c.active ? 'case-ledger-item' : 'case-ledger-item case-ledger-inactive'}>
              <p className="mb-1">{text.sentence(c)}</p>
              {text.givenBy(c, minor) ? (
                <p className="mb-1 small" data-testid="consent-given-by">
                  {text.givenBy(c, minor)}
                </p>
              ) : null}
              <p className="mb-1 small">
                <strong>{text.status(c)}</strong>
                {c.recordedBy ? ` ${t('cases.consents.recordedBy', { name: c.recordedBy, date: formatInstantDay(c.recordedAt, lang) })}` : ''}
              </p>
              {c.documentId && seesDocuments ? (
                <p className="mb-1 small">
                  <a href={documentHref(record.id, c.documentId)} download>
                    {t('cases.consents.signedFormLink', { date: formatDayLong(c.givenOn, lang) })}
                  </a>
                </p>
              ) : null}
              {mayWrite && c.active ? <ConfirmButton label={text.revokeLabel(c)} question={t('cases.consents.revokeQuestion')} pending={revoke.isPending} onConfirm={() => revoke.mutate(c)} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayWrite ? (
        <div className="mt-4">
          <ProblemAlert error={save.error} />
          <ConsentForm
            caseId={record.id}
            ownerId={record.organisation.id}
            withDocuments={record.access.sections.includes('documents')}
            pending={save.isPending}
            error={save.error}
            onSubmit={(input, reset) =>
              save.mutate(input, {
                onSuccess: () => {
                  reset();
                  setMessage(t('cases.consents.added'));
                },
              })
            }
          />
        </div>
      ) : null}
    </section>
  );
}
