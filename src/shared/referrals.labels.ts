import type { Labelled } from './labels.js';
import { declineReasons, referralPurposes, referralStates, referralUrgencies } from './referrals.js';

/**
 * The referral codes as people read them, Italian first (screens and
 * printouts read the same labels). A code without both labels does not
 * compile.
 */
export const referralCodeLists = {
  purpose: referralPurposes,
  urgency: referralUrgencies,
  state: referralStates,
  declineReason: declineReasons,
} as const;

export type ReferralCodeKind = keyof typeof referralCodeLists;
export type ReferralCodeOf<K extends ReferralCodeKind> = (typeof referralCodeLists)[K][number];

export const referralCodeLabels: { [K in ReferralCodeKind]: Labelled<ReferralCodeOf<K>> } = {
  purpose: {
    presa_in_carico: { it: 'Presa in carico', en: 'Taking charge of her pathway' },
    ospitalita: { it: 'Ospitalità (casa rifugio)', en: 'Shelter placement' },
    orientamento_lavoro: { it: 'Orientamento al lavoro', en: 'Job guidance' },
    alloggio: { it: 'Alloggio', en: 'Housing' },
    consulenza_legale: { it: 'Consulenza legale', en: 'Legal advice' },
    sanitaria: { it: 'Assistenza sanitaria', en: 'Health care' },
    sostegno_psicologico: { it: 'Sostegno psicologico', en: 'Psychological support' },
    sostegno_minori: { it: 'Sostegno ai figli minori', en: 'Support for her children' },
    sostegno_economico: { it: 'Sostegno economico', en: 'Financial support' },
    altro: { it: 'Altro', en: 'Other' },
  },
  urgency: {
    ordinaria: { it: 'Ordinaria', en: 'Ordinary' },
    urgente: { it: 'Urgente', en: 'Urgent' },
    emergenza: { it: 'Emergenza (in giornata)', en: 'Emergency (same day)' },
  },
  state: {
    in_attesa: { it: 'In attesa di risposta', en: 'Awaiting an answer' },
    accettata: { it: 'Accettata', en: 'Accepted' },
    rifiutata: { it: 'Non accolta', en: 'Declined' },
    ritirata: { it: 'Ritirata', en: 'Withdrawn' },
    annullata: { it: 'Annullata (consenso revocato)', en: 'Cancelled (consent revoked)' },
    scaduta: { it: 'Scaduta senza risposta', en: 'Expired without an answer' },
  },
  declineReason: {
    no_capacity: { it: 'Nessuna disponibilità al momento', en: 'No capacity at the moment' },
    not_appropriate: { it: 'Servizio non adatto alla richiesta', en: 'Not the right service for this' },
    declined_by_woman: { it: 'La donna non ha accettato', en: 'She did not accept' },
    other: { it: 'Altro motivo', en: 'Other reason' },
  },
};
