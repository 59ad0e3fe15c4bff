import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon';
import { useCaseLabels } from './cases.labels';
import type { Identity, SafeContact } from './cases.types';

/**
 * "Contatto sicuro": how to reach her without putting her at risk, first
 * thing on the case for anyone about to call or write. "No messages" is
 * said in full, never as a flag.
 */
export function SafeContactBox({ safeContact, identity }: { safeContact: SafeContact | null; identity: Identity | null }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const phones = identity?.phones ?? [];
  return (
    <section className="callout important safe-contact" aria-labelledby="safe-contact-title" data-testid="safe-contact">
      <div className="callout-inner">
        <h2 id="safe-contact-title" className="callout-title h5">
          <Icon name="it-warning-circle" />
          <span className="text">{t('cases.safeContact.title')}</span>
        </h2>
        {!safeContact ? (
          <p className="mb-0">{t('cases.safeContact.none')}</p>
        ) : (
          <dl className="safe-contact-list mb-0">
            {safeContact.noMessages ? (
              <>
                <dt className="visually-hidden">{t('cases.safeContact.messagesTerm')}</dt>
                <dd className="safe-contact-no-messages">{t('cases.safeContact.noMessagesText')}</dd>
              </>
            ) : null}
            <dt>{t('cases.safeContact.channels')}</dt>
            <dd>{safeContact.channels.length ? safeContact.channels.map((c) => labels.label('contactChannel', c)).join(', ') : t('cases.safeContact.notGiven')}</dd>
            <dt>{t('cases.safeContact.hours')}</dt>
            <dd>{safeContact.hours ?? t('cases.safeContact.notGiven')}</dd>
            {safeContact.codeWord ? (
              <>
                <dt>{t('cases.safeContact.codeWord')}</dt>
                <dd>
                  <strong>{safeContact.codeWord}</strong>
                </dd>
              </>
            ) : null}
            {safeContact.safePerson ? (
              <>
                <dt>{t('cases.safeContact.safePerson')}</dt>
                <dd>
                  {safeContact.safePerson.name}
                  {safeContact.safePerson.relation ? ` (${safeContact.safePerson.relation})` : ''}
                  {safeContact.safePerson.phone ? ` — ${safeContact.safePerson.phone}` : ''}
                </dd>
              </>
            ) : null}
            {safeContact.notes ? (
              <>
                <dt>{t('cases.safeContact.notes')}</dt>
                <dd>{safeContact.notes}</dd>
              </>
            ) : null}
          </dl>
        )}
        {phones.length ? (
          <p className="mb-0 mt-2">
            {t('cases.safeContact.herPhones')}: {phones.join(', ')}
          </p>
        ) : null}
      </div>
    </section>
  );
}
