import type { Lang } from './labels.js';

/**
 * How the audit log names its actions to people: a label in Italian and
 * English for every action of the server's catalogue
 * (`src/server/audit/catalogue.ts`; a test checks that each has both), and
 * the family each belongs to, by which the log is filtered.
 */

export const auditFamilies = ['auth', 'accounts', 'directory', 'routing', 'cases', 'system'] as const;
export type AuditFamily = (typeof auditFamilies)[number];

export const auditFamilyLabels = {
  auth: { it: 'Accessi e sicurezza', en: 'Sign-in and security' },
  accounts: { it: 'Utenze e ruoli', en: 'Accounts and roles' },
  directory: { it: 'Organizzazioni, reti e mappa', en: 'Organisations, networks and map' },
  routing: { it: 'Instradamento 1522', en: '1522 routing' },
  cases: { it: 'Percorsi', en: 'Pathways' },
  system: { it: 'Sistema e registro', en: 'System and log' },
} as const satisfies Record<AuditFamily, Record<Lang, string>>;

/** The family of an action, by the word before its dot. */
const familyOfPrefix: Record<string, AuditFamily> = {
  auth: 'auth',
  access: 'auth',
  user: 'accounts',
  membership: 'accounts',
  organisation: 'directory',
  network: 'directory',
  directory: 'directory',
  routing: 'routing',
  case: 'cases',
  review: 'cases',
  intake: 'cases',
  audit: 'system',
  keys: 'system',
  demo: 'system',
  jobs: 'system',
};

export function auditFamilyOf(action: string): AuditFamily {
  return familyOfPrefix[action.split('.')[0] ?? ''] ?? 'system';
}

export const auditActionLabels: Record<string, Record<Lang, string>> = {
  'auth.login': { it: 'Accesso con password', en: 'Password sign-in' },
  'auth.mfa': { it: 'Verifica del secondo fattore', en: 'Second-factor check' },
  'auth.mfa_enrol': { it: 'Attivazione del secondo fattore', en: 'Second factor set up' },
  'auth.logout': { it: 'Uscita', en: 'Sign-out' },
  'auth.password_change': { it: 'Cambio della propria password', en: 'Own password changed' },
  'auth.session_expired': { it: 'Sessione scaduta', en: 'Session expired' },
  'auth.organisation_select': { it: "Scelta dell'organizzazione", en: 'Organisation chosen' },
  'auth.me': { it: 'Lettura del proprio profilo (non più registrata)', en: 'Own profile read (no longer recorded)' },
  'access.denied': { it: 'Accesso negato', en: 'Access denied' },
  'organisation.create': { it: 'Organizzazione creata', en: 'Organisation created' },
  'organisation.update': { it: 'Organizzazione modificata', en: 'Organisation changed' },
  'network.create': { it: 'Rete creata', en: 'Network created' },
  'network.risk_instrument_load': { it: 'Strumento di valutazione del rischio caricato', en: 'Risk assessment instrument loaded' },
  'network.risk_instrument_retire': { it: 'Strumento di valutazione del rischio ritirato', en: 'Risk assessment instrument retired' },
  'user.list': { it: 'Elenco delle utenze consultato', en: 'Account list read' },
  'user.read': { it: 'Utenza consultata', en: 'Account read' },
  'user.create': { it: 'Utenza creata', en: 'Account created' },
  'user.update': { it: 'Utenza modificata', en: 'Account changed' },
  'user.mfa_reset': { it: 'Secondo fattore azzerato', en: 'Second factor reset' },
  'user.password_reset': { it: 'Password temporanea rilasciata', en: 'Temporary password issued' },
  'membership.set': { it: 'Ruolo assegnato o cambiato', en: 'Role granted or changed' },
  'membership.remove': { it: 'Ruolo tolto', en: 'Role removed' },
  'audit.read': { it: 'Registro attività consultato', en: 'Audit log read' },
  'jobs.dead_letters_read': { it: 'Attività di sistema non riuscite consultate', en: 'Failed background jobs read' },
  'keys.rotate': { it: 'Chiave principale ruotata', en: 'Master key rotated' },
  'keys.organisation_rotate': { it: "Chiave di un'organizzazione sostituita", en: "An organisation's key replaced" },
  'keys.case_keys': { it: 'Schede esistenti passate alla propria chiave', en: 'Existing cases moved to their own key' },
  'demo.load': { it: 'Dati dimostrativi caricati', en: 'Demo data loaded' },
  'directory.network_update': { it: 'Territorio o referente 1522 della rete modificato', en: 'Network territory or 1522 referent changed' },
  'directory.organisation_update': { it: "Scheda dell'organizzazione modificata", en: 'Organisation profile changed' },
  'directory.sportello_create': { it: 'Sportello creato', en: 'Sportello created' },
  'directory.sportello_update': { it: 'Sportello modificato', en: 'Sportello changed' },
  'directory.sportello_delete': { it: 'Sportello eliminato', en: 'Sportello removed' },
  'directory.sportello_read_secret': { it: 'Indirizzo di uno sportello segreto consultato', en: "A secret sportello's address read" },
  'directory.import': { it: 'Mappa importata da file', en: 'Directory imported from a file' },
  'directory.export': { it: 'Mappa della rete esportata', en: 'Network map exported' },
  'directory.history_read': { it: 'Storico delle modifiche della mappa consultato', en: 'Directory change history read' },
  'routing.transfer_lookup': { it: 'Richiesta di trasferimento 1522', en: '1522 transfer lookup' },
  'routing.call_record': { it: 'Esito di una chiamata 1522 registrato', en: '1522 call outcome recorded' },
  'routing.call_withdraw': { it: 'Esito di una chiamata 1522 annullato', en: '1522 call outcome withdrawn' },
  'routing.calls_summary': { it: 'Conteggi delle chiamate 1522 consultati', en: '1522 call counts read' },
  'routing.token_create': { it: 'Chiave di accesso per il 1522 creata', en: '1522 API token created' },
  'routing.token_revoke': { it: 'Chiave di accesso per il 1522 revocata', en: '1522 API token revoked' },
  'case.create': { it: 'Percorso aperto', en: 'Pathway opened' },
  'case.erase': { it: 'Scheda cancellata (chiave distrutta)', en: 'Case erased (key destroyed)' },
  'case.list': { it: 'Elenco dei percorsi consultato', en: 'Caseload read' },
  'case.listed': { it: 'Percorso mostrato in un elenco', en: 'Pathway shown in a list' },
  'case.search': { it: 'Ricerca di percorsi per nome o telefono', en: 'Pathways searched by name or phone' },
  'case.read': { it: 'Percorso consultato', en: 'Pathway read' },
  'case.printed': { it: 'Scheda del percorso stampata', en: 'Pathway sheet printed' },
  'case.access_log_read': { it: 'Storico degli accessi a un percorso consultato', en: "A pathway's access history read" },
  'case.update': { it: 'Percorso modificato', en: 'Pathway changed' },
  'case.stage': { it: 'Fase del percorso cambiata', en: 'Pathway stage changed' },
  'case.team': { it: 'Équipe del percorso consultata o cambiata', en: 'Pathway team read or changed' },
  'case.break_glass': { it: 'Accesso straordinario a un percorso', en: 'Emergency access to a pathway' },
  'case.consents_read': { it: 'Consensi consultati', en: 'Consents read' },
  'case.consent_create': { it: 'Consenso registrato', en: 'Consent recorded' },
  'case.consent_revoke': { it: 'Consenso revocato', en: 'Consent revoked' },
  'case.events_read': { it: 'Diario del percorso consultato', en: 'Pathway timeline read' },
  'case.event_create': { it: 'Contatto o colloquio registrato', en: 'Contact or interview recorded' },
  'case.children_read': { it: 'Figli e figlie consultati', en: 'Children read' },
  'case.child_write': { it: 'Figlio o figlia registrato o modificato', en: 'Child recorded or changed' },
  'case.child_open_case': { it: 'Figlio o figlia aperto come percorso proprio', en: 'Child opened as a case of her own' },
  'case.minor_read': { it: 'Percorso minorenne consultato', en: 'Minor’s pathway read' },
  'case.minor_write': { it: 'Percorso minorenne salvato', en: 'Minor’s pathway saved' },
  'case.authors_read': { it: 'Autori della violenza consultati', en: 'Authors of the violence read' },
  'case.author_write': { it: 'Autore della violenza registrato o modificato', en: 'Author of the violence recorded or changed' },
  'case.plan_read': { it: 'Progetto individuale consultato', en: 'Individual plan read' },
  'case.plan_write': { it: 'Progetto individuale aggiornato', en: 'Individual plan updated' },
  'case.review_bring': { it: 'Percorso portato in revisione multi-agenzia', en: 'Pathway brought to a multi-agency review' },
  'case.review_brief_update': { it: 'Sintesi per la revisione multi-agenzia modificata', en: 'Multi-agency review brief changed' },
  'case.review_withdraw': { it: 'Percorso ritirato dalla revisione multi-agenzia', en: 'Pathway withdrawn from a multi-agency review' },
  'case.review_brief_read': { it: 'Sintesi per la revisione multi-agenzia letta', en: 'Multi-agency review brief read' },
  'review.list': { it: 'Revisioni multi-agenzia elencate', en: 'Multi-agency reviews listed' },
  'review.read': { it: 'Revisione multi-agenzia consultata', en: 'Multi-agency review read' },
  'review.create': { it: 'Revisione multi-agenzia convocata', en: 'Multi-agency review called' },
  'review.update': { it: 'Revisione multi-agenzia modificata', en: 'Multi-agency review changed' },
  'review.action_create': { it: 'Azione decisa in revisione multi-agenzia', en: 'Multi-agency review action decided' },
  'review.action_update': { it: 'Stato di un’azione della revisione aggiornato', en: 'Review action status recorded' },
  'review.tasks_read': { it: 'Azioni delle revisioni consultate', en: 'Review actions read' },
  'case.risk_read': { it: 'Valutazioni del rischio consultate', en: 'Risk assessments read' },
  'case.risk_write': { it: 'Valutazione del rischio registrata', en: 'Risk assessment recorded' },
  'case.safety_plan_read': { it: 'Piano di sicurezza consultato', en: 'Safety plan read' },
  'case.safety_plan_write': { it: 'Piano di sicurezza salvato', en: 'Safety plan saved' },
  'case.documents_read': { it: 'Elenco dei documenti consultato', en: 'Document list read' },
  'case.document_read': { it: 'Documento scaricato', en: 'Document downloaded' },
  'case.document_create': { it: 'Documento caricato', en: 'Document uploaded' },
  'case.tasks_read': { it: 'Scadenze consultate', en: 'Due tasks read' },
  'case.workload_read': { it: 'Carichi di lavoro del centro consultati', en: "The centre's workload read" },
  'intake.create': { it: 'Segnalazione inviata a un centro antiviolenza', en: 'Referral sent to an anti-violence centre' },
  'intake.sent_list': { it: 'Segnalazioni inviate consultate', en: 'Sent referrals read' },
  'intake.list': { it: 'Segnalazioni in arrivo consultate', en: 'Inbound referrals read' },
  'intake.read': { it: 'Segnalazione in arrivo aperta', en: 'Inbound referral opened' },
  'intake.attempt': { it: 'Tentativo di contatto non riuscito registrato', en: 'Unsuccessful contact attempt recorded' },
  'intake.decline': { it: 'Segnalazione in arrivo rifiutata', en: 'Inbound referral declined' },
  'intake.convert': { it: 'Segnalazione in arrivo presa in carico (percorso aperto)', en: 'Inbound referral taken in charge (case opened)' },
  'notification.list': { it: 'Notifiche consultate', en: 'Notifications read' },
  'notification.preferences': { it: 'Preferenza e-mail per le notifiche modificata', en: 'E-mail preference for notifications changed' },
};

/** The label of an action in a language; an unknown code (a newer server) shows as itself. */
export function auditActionLabel(action: string, lang: Lang): string {
  return auditActionLabels[action]?.[lang] ?? action;
}
