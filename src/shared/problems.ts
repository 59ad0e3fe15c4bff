import type { FieldErrorCode, FieldErrorParams } from './field-errors.js';
import type { Lang } from './labels.js';

/**
 * Every problem the API can answer (RFC 9457). Each code maps to an HTTP
 * status and an Italian and English title; a new code without its messages
 * does not compile. Messages never contain personal data.
 */
export const problems = {
  bad_request: { status: 400, it: 'Richiesta non valida.', en: 'Bad request.' },
  validation_failed: {
    status: 400,
    it: 'Alcuni dati inviati non sono validi.',
    en: 'Some of the data sent are not valid.',
  },
  malformed_json: {
    status: 400,
    it: 'Il corpo della richiesta non è JSON valido.',
    en: 'The request body is not valid JSON.',
  },
  weak_password: {
    status: 400,
    it: 'La password è troppo debole: usa almeno 12 caratteri e una frase difficile da indovinare.',
    en: 'The password is too weak: use at least 12 characters and a phrase that is hard to guess.',
  },
  unauthenticated: {
    status: 401,
    it: 'Accesso richiesto.',
    en: 'Authentication required.',
  },
  invalid_credentials: {
    status: 401,
    it: 'Nome utente o password non corretti.',
    en: 'Wrong username or password.',
  },
  mfa_required: {
    status: 401,
    it: 'Inserisci il codice di verifica in due passaggi.',
    en: 'Enter your two-step verification code.',
  },
  invalid_mfa_code: {
    status: 401,
    it: 'Codice di verifica non valido o già usato.',
    en: 'Verification code not valid or already used.',
  },
  session_expired: {
    status: 401,
    it: 'La sessione è scaduta: accedi di nuovo.',
    en: 'Your session has expired: please sign in again.',
  },
  csrf_failed: {
    status: 403,
    it: 'Richiesta rifiutata: token di sicurezza mancante o non valido.',
    en: 'Request refused: missing or invalid security token.',
  },
  cross_site_refused: {
    status: 403,
    it: 'Richiesta rifiutata: proviene da un altro sito.',
    en: 'Request refused: it comes from another site.',
  },
  password_change_required: {
    status: 403,
    it: 'Prima di continuare scegli una nuova password.',
    en: 'Choose a new password before going on.',
  },
  forbidden: {
    status: 403,
    it: 'Non hai i permessi per questa operazione.',
    en: 'You are not allowed to do this.',
  },
  own_account_change: {
    status: 403,
    it: "Non puoi modificare i tuoi ruoli, le tue appartenenze o il tuo account: chiedilo a un'altra persona che amministra.",
    en: 'You cannot change your own roles, memberships or account: ask another administrator.',
  },
  admin_case_role: {
    status: 409,
    it: "Un'amministratrice dell'istanza non può avere un ruolo che legge i dati dei percorsi.",
    en: 'An instance administrator cannot hold a role that reads case data.',
  },
  organisation_required: {
    status: 409,
    it: "Scegli per quale organizzazione stai operando.",
    en: 'Choose which organisation you are acting for.',
  },
  not_found: { status: 404, it: 'Risorsa non trovata.', en: 'Resource not found.' },
  method_not_allowed: { status: 405, it: 'Metodo non consentito.', en: 'Method not allowed.' },
  case_erased: {
    status: 410,
    it: 'La scheda è stata cancellata: i suoi dati non sono più leggibili e non se ne possono aggiungere.',
    en: 'The case was erased: its data can no longer be read and none can be added.',
  },
  conflict: {
    status: 409,
    it: 'Esiste già un elemento con questi dati.',
    en: 'An item with these data already exists.',
  },
  precondition_failed: {
    status: 412,
    it: "Il dato è stato modificato da un'altra persona: ricarica e riprova.",
    en: 'Someone else changed this item: reload and try again.',
  },
  precondition_required: {
    status: 428,
    it: "Manca l'intestazione If-Match con la versione letta.",
    en: 'The If-Match header with the version read is required.',
  },
  idempotency_key_reused: {
    status: 422,
    it: 'Questa chiave di idempotenza è già stata usata per una richiesta diversa.',
    en: 'This idempotency key was already used for a different request.',
  },
  referral_not_pending: {
    status: 409,
    it: "L'invio ha già avuto una risposta o non è più in attesa: ricarica per vederne lo stato.",
    en: 'The referral was already answered or is no longer pending: reload to see its state.',
  },
  placement_no_place: {
    status: 409,
    it: 'La struttura non ha più posti liberi sufficienti in una stessa unità: nessun posto è stato trattenuto.',
    en: 'The structure no longer has enough free places in one unit: no place was held.',
  },
  placement_request_not_open: {
    status: 409,
    it: 'La richiesta di ospitalità non è nello stato che questa azione richiede: ricarica per vederne lo stato.',
    en: 'The placement request is not in the state this action needs: reload to see its state.',
  },
  proposal_not_pending: {
    status: 409,
    it: 'La proposta ha già avuto una risposta o non è più aperta: ricarica per vederne lo stato.',
    en: 'The proposal was already answered or is no longer open: reload to see its state.',
  },
  hold_expired: {
    status: 409,
    it: 'Il trattenimento dei posti è scaduto: i posti sono di nuovo liberi.',
    en: 'The hold on the places expired: they are free again.',
  },
  shelter_place_state: {
    status: 409,
    it: 'Il posto non è più nello stato atteso (è stato trattenuto, occupato o già modificato): ricarica la mappa dei posti.',
    en: 'The place is no longer in the expected state (held, occupied or already changed): reload the map of places.',
  },
  shelter_structure_in_use: {
    status: 409,
    it: 'La struttura ha posti trattenuti od occupati: si può disattivare solo quando sono liberi.',
    en: 'The structure has held or occupied places: it can be deactivated only once they are free.',
  },
  autonomy_frame_code_in_use: {
    status: 409,
    it: 'Il nuovo quadro del programma toglie un codice (asse, categoria o area) già usato da budget, progetti o spese: nulla è stato modificato (il dettaglio dice quale).',
    en: "The programme's new frame removes a code (axis, category or area) that budgets, projects or expenses already use: nothing was changed (the detail says which).",
  },
  autonomy_budget_below_spent: {
    status: 409,
    it: "Il budget di un partner per un asse scende sotto quanto le sue spese già impegnano: nulla è stato modificato (il dettaglio dice quale e quanto).",
    en: "A partner's budget for an axis goes below what its expenses already take: nothing was changed (the detail says which and how much).",
  },
  autonomy_partner_in_use: {
    status: 409,
    it: 'Un partner tolto ha ancora budget o spese nel programma: azzerane prima il budget (il dettaglio dice quale).',
    en: 'A partner removed still has budgets or expenses in the programme: clear its budget first (the detail says which).',
  },
  autonomy_equipe_in_use: {
    status: 409,
    it: "Un'équipe tolta ha già ricevuto segnalazioni o progetti: non si può eliminare (il dettaglio dice quale).",
    en: 'A removed équipe already has referrals or projects: it cannot be deleted (the detail says which).',
  },
  on_team_for_other_organisation: {
    status: 409,
    it: "Fate già parte dell'équipe di questo percorso per un'altra organizzazione: l'invio va accettato da un'altra persona dell'organizzazione destinataria.",
    en: "You are already on this pathway's team for another organisation: someone else of the receiving organisation must accept the referral.",
  },
  stay_no_free_place: {
    status: 409,
    it: 'Nella struttura non ci sono abbastanza posti liberi in una stessa unità: nessun posto è stato occupato.',
    en: 'The structure has not enough free places in one unit: no place was taken.',
  },
  stay_proposal_not_held: {
    status: 409,
    it: 'La proposta non trattiene posti per questa accoglienza (non accettata, scaduta o già usata): ricarica per vederne lo stato.',
    en: 'The proposal holds no places for this admission (not accepted, expired or already used): reload to see its state.',
  },
  stay_move_too_small: {
    status: 409,
    it: 'I posti trattenuti nella nuova struttura non bastano per tutto il nucleo di questa permanenza: nessuno spostamento è stato registrato.',
    en: "The places held at the next structure are too few for this stay's whole household: nothing was moved.",
  },
  stay_household_too_large: {
    status: 409,
    it: 'I posti trattenuti da questa proposta non bastano per tutto il nucleo indicato: nessuna accoglienza è stata registrata. Chiedete una nuova proposta per il nucleo intero.',
    en: 'The places this proposal holds are too few for the whole household given: nothing was admitted. Ask for a new proposal for the whole household.',
  },
  stay_not_agreed: {
    status: 409,
    it: "Manca l'accordo del servizio sociale competente: chiedetelo, oppure accogliete in emergenza.",
    en: "The competent social service's agreement is missing: ask for it, or admit in an emergency.",
  },
  stay_not_active: {
    status: 409,
    it: 'La permanenza è già conclusa o non è nello stato che questa azione richiede: ricarica per vederne lo stato.',
    en: 'The stay has already ended or is not in the state this action needs: reload to see its state.',
  },
  authorisation_not_pending: {
    status: 409,
    it: 'Il servizio sociale ha già risposto, oppure una richiesta di accordo è già aperta: ricarica per vederne lo stato.',
    en: 'The social service has already answered, or an agreement is already asked: reload to see its state.',
  },
  plan_action_needs_stay: {
    status: 409,
    it: "L'ospitalità in casa rifugio si avvia e si conclude solo con una permanenza registrata dalla struttura, con l'accordo o l'autorizzazione del servizio sociale.",
    en: "A shelter stay action starts and ends only through a stay recorded by the structure, with the social service's agreement or authorisation.",
  },
  autonomy_cap_exceeded: {
    status: 409,
    it: 'La spesa o il budget supera un tetto del programma per questo progetto: nulla è stato registrato (il dettaglio dice il tetto e quanto resta).',
    en: "The expense or budget goes over one of the programme's caps for this project: nothing was recorded (the detail names the cap and what is left).",
  },
  autonomy_budget_exceeded: {
    status: 409,
    it: "La spesa supera la quota del partner per quest'asse del programma: nulla è stato registrato (il dettaglio dice quanto resta).",
    en: "The expense goes over the partner's share of this axis of the programme: nothing was recorded (the detail says what is left).",
  },
  autonomy_project_state: {
    status: 409,
    it: 'Il progetto non è nello stato che questa azione richiede: ricarica per vederne lo stato.',
    en: 'The project is not in the state this action needs: reload to see its state.',
  },
  autonomy_expense_state: {
    status: 409,
    it: 'La spesa è già stata pagata o annullata: ricarica per vederne lo stato.',
    en: 'The expense was already paid or cancelled: reload to see its state.',
  },
  autonomy_intake_not_pending: {
    status: 409,
    it: "La segnalazione ha già avuto una decisione dell'équipe: ricarica per vederne lo stato.",
    en: "The referral already has the équipe's decision: reload to see its state.",
  },
  autonomy_programme_state: {
    status: 409,
    it: 'Il programma non può passare a questo stato dal suo stato attuale (una bozza si avvia o si chiude, un programma attivo si chiude, uno chiuso si riapre): ricarica per vederne lo stato.',
    en: 'The programme cannot move to this state from its current one (a draft starts or is closed, an active programme is closed, a closed one reopens): reload to see its state.',
  },
  autonomy_programme_not_active: {
    status: 409,
    it: 'Il programma non è attivo: non accoglie segnalazioni né nuovi progetti.',
    en: 'The programme is not active: it takes no referrals and no new projects.',
  },
  funds_governance_limit: {
    status: 409,
    it: 'Le spese di governance del capofila supererebbero il 10 % del contributo regionale: nulla è stato registrato (il dettaglio dice il limite, quanto chiesto e quanto resta).',
    en: "The capofila's governance costs would exceed 10 % of the regional contribution: nothing was recorded (the detail gives the limit, the amount asked and what is left).",
  },
  funds_plan_exceeded: {
    status: 409,
    it: "Il piano di assegnazione supererebbe il contributo regionale più il cofinanziamento in denaro, al netto delle spese di governance: nulla è stato modificato (il dettaglio dice quanto resta).",
    en: 'The allocation plan would exceed the regional contribution plus money co-financing, net of governance costs: nothing was changed (the detail says what is left).',
  },
  funds_not_registered: {
    status: 409,
    it: "Un'organizzazione non è iscritta all'Albo regionale: non può ricevere fondi (il dettaglio dice quale).",
    en: 'An organisation is not registered in the regional register (Albo): it cannot receive funds (the detail says which).',
  },
  funds_allocation_exceeded: {
    status: 409,
    it: "La spesa supera l'assegnazione dell'organizzazione: nulla è stato registrato (il dettaglio dice quanto resta).",
    en: "The expense goes over the organisation's allocation: nothing was recorded (the detail says what is left).",
  },
  funds_plan_state: {
    status: 409,
    it: 'Il piano di assegnazione non è nello stato che questa azione richiede (si modifica in bozza; la rendicontazione inizia quando è inviato alla Regione): ricarica per vederne lo stato.',
    en: 'The allocation plan is not in the state this action needs (it is edited as a draft; the rendicontazione starts once it is sent to the Region): reload to see its state.',
  },
  funds_report_state: {
    status: 409,
    it: 'La rendicontazione non è nello stato che questa azione richiede (presentata o verificata non si modifica): ricarica per vederne lo stato.',
    en: 'The rendicontazione is not in the state this action needs (once submitted or checked it is not changed): reload to see its state.',
  },
  funds_application_reviewed: {
    status: 409,
    it: "La domanda ha già avuto l'istruttoria: non si modifica più.",
    en: 'The application has already been reviewed: it can no longer be changed.',
  },
  consent_not_live: {
    status: 409,
    it: "Il consenso su cui si basa l'invio è stato revocato o è scaduto: l'invio non si può accettare.",
    en: 'The consent the referral rests on was revoked or has expired: it cannot be accepted.',
  },
  coordination_not_referred: {
    status: 409,
    it: "Questa organizzazione non ha accettato un invio del percorso su un consenso in vigore: non le si può affidare il coordinamento.",
    en: 'This organisation has not accepted a referral of the pathway on a live consent: coordination cannot be handed to it.',
  },
  coordination_sections: {
    status: 409,
    it: "L'invio accettato da questa organizzazione non comprende il progetto personalizzato: non le si può affidare il coordinamento.",
    en: 'The referral this organisation accepted does not include the individual plan: coordination cannot be handed to it.',
  },
  import_invalid: {
    status: 422,
    it: 'Il file di importazione contiene errori: non è stato scritto nulla.',
    en: 'The import file has errors: nothing was written.',
  },
  reddito_open: {
    status: 409,
    it: "La domanda di Reddito di libertà in corso non ha ancora l'esito dell'INPS: registralo prima di aprirne una nuova.",
    en: "The Reddito di libertà application under way has no INPS outcome yet: record it before opening a new one.",
  },
  comune_not_found: { status: 404, it: 'Comune non trovato.', en: 'Comune (municipality) not found.' },
  call_withdraw_expired: {
    status: 409,
    it: "È passato più di un minuto: l'esito registrato non si può più annullare.",
    en: 'More than a minute has passed: the recorded outcome can no longer be undone.',
  },
  intake_closed: {
    status: 409,
    it: 'La segnalazione è già stata chiusa (presa in carico o rifiutata): ricarica la pagina.',
    en: 'The referral is already closed (taken in charge or declined): reload the page.',
  },
  payload_too_large: {
    status: 413,
    it: 'Il corpo della richiesta è troppo grande.',
    en: 'The request body is too large.',
  },
  unsupported_media_type: {
    status: 415,
    it: 'Formato del contenuto non supportato.',
    en: 'Unsupported content type.',
  },
  rate_limited: {
    status: 429,
    it: 'Troppi tentativi: riprova tra qualche minuto.',
    en: 'Too many attempts: try again in a few minutes.',
  },
  internal: {
    status: 500,
    it: 'Errore interno. Il problema è stato registrato.',
    en: 'Internal error. The problem has been logged.',
  },
  unavailable: {
    status: 503,
    it: 'Servizio temporaneamente non disponibile.',
    en: 'Service temporarily unavailable.',
  },
} as const satisfies Record<string, { status: number } & Record<Lang, string>>;

export type ProblemCode = keyof typeof problems;

/**
 * One field-level error as the server code raises it: a pointer and a code,
 * never a sentence (the texts live in src/shared/field-errors.ts).
 */
export interface FieldIssue {
  /** JSON Pointer (RFC 6901) into the request, e.g. `/body/username`. */
  pointer: string;
  /** Machine code of the issue, e.g. `too_small`, `unknown_comune`. */
  code: FieldErrorCode;
  /** Values for the text's slots, e.g. `{ minimum: 12 }` (limits, never personal data). */
  params?: FieldErrorParams;
  /** The item an error is about, when the request holds a list (an import file's `externalId`). */
  item?: string;
}

/**
 * One field-level error inside a problem, as answered: the issue plus
 * `detail`, the code's text in the answer's language (Content-Language),
 * added by the problem handler. Clients should translate `code` themselves.
 */
export interface FieldError extends FieldIssue {
  detail: string;
}

/** The body of every error answer (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export const problemType = (code: ProblemCode) => `urn:trama:problem:${code}`;
