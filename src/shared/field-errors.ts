import { hoursLimits } from './hours-limits.js';
import type { Lang } from './labels.js';

/**
 * Every code a field error can carry (`FieldError.code`). The server sends
 * codes, never sentences; the texts below say them in Italian and English,
 * and the web shows the one of the UI language. To add a code: add it to
 * the list and give it both texts in `fieldErrorTexts` (a code without
 * texts does not compile). Texts never quote a value received; `{{name}}`
 * takes a `params` entry (a limit, never personal data).
 */
export const fieldErrorCodes = [
  // Zod issues (platform/http.ts and the import map them; any other becomes `custom`).
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'not_multiple_of',
  'custom',
  // Our own refinements and formats (the Zod message is the code).
  'istat_code',
  'phone_number',
  'language_code',
  'external_id',
  'opening_hours',
  'no_such_day',
  'from_after_to',
  'date_needs_status',
  'min_letters',
  'out_of_range',
  'review_after_previous',
  'review_after_agreed',
  // General.
  'invalid_text',
  'required',
  'not_allowed',
  'in_future',
  'duplicate',
  // Directory, organisations, routing.
  'unknown_comune',
  'unknown_network',
  'unknown_instrument',
  'unknown_organisation',
  'unknown_sportello',
  'coordinates_pair',
  'referent_in_use',
  'invalid_referent',
  'comune_taken',
  'comune_not_in_network',
  // Autonomy programmes (docs/autonomy.md, "Programmes"): the frame, partners, budgets.
  'unknown_axis',
  'required_axis_missing',
  'frame_code_in_use',
  'not_in_network',
  'not_partner',
  'over_total',
  'below_spent',
  'in_use',
  'not_helpline_operator',
  // Directory import.
  'duplicate_id',
  'duplicate_name',
  'name_taken',
  'unknown_item',
  'comune_repeated',
  'override_outside',
  'override_repeated',
  'referent_secret',
  'referent_not_member',
  'referent_not_a_service',
  'public_map_no_json',
  'organisation_change',
  'out_of_scope',
  'secret_visibility',
  'too_many_errors',
  'transfer_emergency_number',
  'hours_not_canonical',
  'hours_dst_gap',
  'hours_too_many_rules',
  'hours_too_many_ranges',
  'hours_too_many_day_ranges',
  'hours_open_end',
  // Cases.
  'section_not_shared',
  'stage_not_forward',
  'date_before_previous_stage',
  'case_not_closed',
  'no_consent_for_share',
  'sections_not_consented',
  'before_given',
  'cuav_never',
  'unknown_document',
  'already_revoked',
  'not_in_emergency',
  // Referrals (docs/referrals.md).
  'unknown_consent',
  'consent_not_live',
  'purpose_not_consented',
  'referral_pending',
  'purposes_only_for_sharing',
  // Autonomy projects (docs/autonomy.md): the cap or partner's share an amount goes over.
  'cap_exceeded',
  'budget_exceeded',
  // A minor's pathway (docs/minors.md).
  'not_minor',
  'minor_under_14',
  'needs_parental_consent',
  'unknown_holder',
  'author_cannot_consent',
  'already_opened',
  'age_unknown',
  'unknown_goal',
  'not_on_team',
  'empty_file',
  'file_too_large',
  'content_type_mismatch',
  'file_unreadable',
  'comune_not_chosen',
  'country_code',
  // Accounts and sign-in.
  'username_format',
  'totp_code',
  'passwords_differ',
  'role_not_for_organisation',
  // Risk assessment: an instrument's thresholds and levels, answers and the professional judgement (src/shared/risk).
  'threshold_gap',
  'threshold_overlap',
  'threshold_order',
  'threshold_empty',
  'threshold_unreachable',
  'level_not_in_instrument',
  'unknown_risk_item',
  'judgement_required',
  'reason_required',
  // Inbound referrals (docs/intake.md).
  'consent_required',
  // Multi-agency case reviews (docs/reviews.md).
  'consent_not_covering',
  'not_participant',
  'participant_in_use',
  'review_closed',
  // Reddito di libertà (docs/autonomy.md).
  'reddito_statements_first',
  'reddito_step_order',
  'reddito_not_filed',
  // The capofila's regional funds (docs/autonomy.md, "Regional funds").
  'governance_limit',
  'plan_exceeded',
  'not_registered',
  'allocation_exceeded',
  'not_cav_or_shelter',
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];

export const fieldErrorTexts = {
  invalid_type: { it: 'Tipo di valore non valido o campo mancante.', en: 'Invalid type or missing field.' },
  too_small: { it: 'Valore troppo corto, troppo piccolo o lista vuota (minimo: {{minimum}}).', en: 'Value too short or too small, or empty list (minimum: {{minimum}}).' },
  too_big: { it: 'Valore troppo lungo, troppo grande o lista troppo lunga (massimo: {{maximum}}).', en: 'Value too long or too large, or list too long (maximum: {{maximum}}).' },
  invalid_format: { it: 'Formato non valido.', en: 'Invalid format.' },
  invalid_value: { it: 'Valore non ammesso.', en: 'Value not allowed.' },
  unrecognized_keys: { it: 'Campo non previsto.', en: 'Unexpected field.' },
  invalid_union: { it: 'Valore non valido.', en: 'Invalid value.' },
  invalid_key: { it: 'Chiave non valida.', en: 'Invalid key.' },
  invalid_element: { it: 'Elemento non valido.', en: 'Invalid element.' },
  not_multiple_of: { it: 'Il valore non è un multiplo ammesso.', en: 'The value is not an allowed multiple.' },
  custom: { it: 'Valore non valido.', en: 'Invalid value.' },

  istat_code: { it: 'Codice ISTAT: 6 cifre.', en: 'ISTAT code: 6 digits.' },
  phone_number: { it: 'Numero di telefono: cifre, spazi, + . / -', en: 'Phone number: digits, spaces, + . / -' },
  language_code: { it: 'Codice lingua ISO 639 (2 o 3 lettere minuscole).', en: 'ISO 639 language code (2 or 3 lowercase letters).' },
  external_id: { it: 'Identificativo: lettere, cifre e . _ : -', en: 'Identifier: letters, digits and . _ : -' },
  opening_hours: { it: 'Orario non valido (sintassi opening_hours, es. "Mo-Fr 09:00-17:00").', en: 'Invalid opening hours (opening_hours syntax, e.g. "Mo-Fr 09:00-17:00").' },
  no_such_day: { it: 'Questo giorno non esiste in quel mese.', en: 'There is no such day in that month.' },
  from_after_to: { it: "L'inizio non può essere dopo la fine.", en: 'The start must not be after the end.' },
  date_needs_status: { it: 'Una data richiede uno stato.', en: 'A date needs a status.' },
  min_letters: { it: 'Scrivi almeno 2 lettere.', en: 'Type at least 2 letters.' },
  out_of_range: { it: 'Data o ora fuori dall’intervallo ammesso.', en: 'Date or time out of the allowed range.' },
  review_after_previous: { it: 'La verifica successiva deve venire dopo questa.', en: 'The next review must come after this one.' },
  review_after_agreed: { it: "La prossima verifica deve venire dopo la data in cui il piano è stato concordato.", en: 'The next review must come after the day the plan was agreed.' },

  reddito_statements_first: {
    it: 'La domanda si presenta dopo la dichiarazione del centro antiviolenza e quella del servizio sociale: registrale prima.',
    en: "The application is filed after the anti-violence centre's and the social service's statements: record them first.",
  },
  reddito_step_order: { it: 'La data viene prima di quella del passo precedente.', en: 'The date comes before the previous step’s.' },
  reddito_not_filed: { it: "L'esito dell'INPS arriva dopo la presentazione della domanda: registra prima la data di presentazione.", en: "INPS's outcome comes after the application is filed: record the filing date first." },

  invalid_text: {
    it: 'Il testo contiene caratteri non ammessi (caratteri di controllo o non Unicode).',
    en: 'The text holds characters that are not allowed (control or non-Unicode characters).',
  },
  required: { it: 'Campo obbligatorio.', en: 'Required field.' },
  not_allowed: { it: 'Campo non ammesso in questo caso.', en: 'Field not allowed in this case.' },
  in_future: { it: 'La data è nel futuro.', en: 'The date is in the future.' },
  duplicate: { it: 'Valore ripetuto.', en: 'Repeated value.' },

  unknown_comune: { it: 'Comune inesistente (codice ISTAT).', en: 'Unknown comune (ISTAT code).' },
  unknown_network: { it: 'Rete inesistente o non tra le tue reti.', en: 'Unknown network, or not one of your networks.' },
  unknown_instrument: { it: 'Strumento di valutazione inesistente, ritirato o non della rete del percorso.', en: 'Unknown or retired instrument, or not one of the pathway’s networks.' },
  unknown_organisation: { it: 'Organizzazione inesistente o non valida qui.', en: 'Unknown organisation, or not valid here.' },
  unknown_sportello: { it: 'Sportello inesistente o non tra le tue reti.', en: 'Unknown sportello, or not in your networks.' },
  coordinates_pair: { it: 'Latitudine e longitudine vanno indicate insieme.', en: 'Latitude and longitude go together.' },
  referent_in_use: { it: 'È lo sportello referente 1522 di una rete: scegli prima un altro referente.', en: 'It is the 1522 referent of a network: choose another referent first.' },
  invalid_referent: { it: 'Deve essere uno sportello non segreto di un membro della rete.', en: 'Must be a non-secret sportello of a member of the network.' },
  comune_taken: { it: "Comune già coperto da un'altra rete.", en: 'Comune already covered by another network.' },
  comune_not_in_network: { it: 'Il comune non è nel territorio della rete.', en: "The comune is not in the network's territory." },
  unknown_axis: { it: 'Asse non definito nel quadro del programma.', en: "Axis not defined in the programme's frame." },
  required_axis_missing: { it: "L'area deve attivare anche gli assi obbligatori (l'asse I nella scheda L.I.A.).", en: 'The area must also activate the required axes (axis I in the L.I.A. sheet).' },
  frame_code_in_use: { it: 'Il codice «{{code}}» è già usato da budget, progetti o spese: non si può togliere.', en: 'The code "{{code}}" is already used by budgets, projects or expenses: it cannot be removed.' },
  not_in_network: { it: "L'organizzazione non fa parte della rete del programma.", en: "The organisation is not a member of the programme's network." },
  not_partner: { it: "L'organizzazione non è capofila né partner del programma.", en: 'The organisation is neither the capofila nor a partner of the programme.' },
  over_total: { it: 'La somma dei budget supera il totale del programma ({{total}} €).', en: "The budgets add up to more than the programme's total (€{{total}})." },
  below_spent: { it: 'Sotto quanto le spese già impegnano su questo asse ({{spent}} €).', en: 'Below what the expenses already take on this axis (€{{spent}}).' },
  in_use: { it: 'Già usato: non si può togliere ({{what}}).', en: 'Already in use: it cannot be removed ({{what}}).' },
  not_helpline_operator: { it: "L'account non è un'operatrice 1522 di quella organizzazione.", en: 'The account is not a 1522 helpline operator of that organisation.' },

  duplicate_id: { it: 'externalId ripetuto nel file.', en: 'externalId used twice in the file.' },
  duplicate_name: { it: 'Nome ripetuto nel file.', en: 'Name used twice in the file.' },
  name_taken: { it: "Nome già usato da un'altra organizzazione o rete.", en: 'Name already used by another organisation or network.' },
  unknown_item: { it: 'Gli identificativi "trama:" indicano solo elementi esistenti.', en: '"trama:" ids name existing items only.' },
  comune_repeated: { it: 'Comune elencato più volte nel file.', en: 'Comune listed more than once in the file.' },
  override_outside: { it: 'Il comune non è tra quelli della rete.', en: "The comune is not one of the network's comuni." },
  override_repeated: { it: 'Comune con più referenti.', en: 'Comune with more than one referent.' },
  referent_secret: { it: 'Il referente 1522 non può essere uno sportello segreto.', en: 'The 1522 referent cannot be a secret sportello.' },
  referent_not_member: { it: "Il referente non è uno sportello di un'organizzazione della rete.", en: 'The referent is not a sportello of an organisation of the network.' },
  public_map_no_json: { it: 'La mappa pubblica si scarica in CSV o XLSX; il JSON è solo per l’elenco interno.', en: 'The public map is downloaded as CSV or XLSX; JSON is for the internal directory only.' },
  referent_not_a_service: {
    it: 'Il referente 1522 deve essere un servizio che riceve le chiamate delle donne: un centro antiviolenza, un suo sportello o la linea della rete.',
    en: "The 1522 referent must be a service that takes women's calls: an anti-violence centre, one of its sportelli or the network's line.",
  },
  organisation_change: { it: "Uno sportello non può passare a un'altra organizzazione.", en: 'A sportello cannot move to another organisation.' },
  out_of_scope: {
    it: 'Fuori dalle tue reti: indica elementi delle tue reti, con la tua organizzazione come capofila.',
    en: 'Outside your networks: name items of your networks, with your organisation as capofila.',
  },
  secret_visibility: {
    it: "Solo il personale dell'organizzazione può cambiare la visibilità di uno sportello segreto.",
    en: "Only the organisation's own staff can change a secret sportello's visibility.",
  },
  too_many_errors: { it: 'Troppi errori: sono mostrati i primi.', en: 'Too many errors: the first ones are shown.' },
  transfer_emergency_number: {
    it: 'Il numero per i trasferimenti del 1522 non può essere il 1522 né un numero di emergenza (112, 113, 114, 115, 117, 118, 1530…).',
    en: 'The number 1522 transfers calls to cannot be 1522 or an emergency number (112, 113, 114, 115, 117, 118, 1530…).',
  },
  hours_not_canonical: {
    it: 'Orario accettato, ma non nella forma standard (es. "Mo-Fr 09:00-17:00" invece di "Mo-Fr 9-17"): controlla che dica ciò che intendi.',
    en: 'Hours accepted, but not in the standard form (e.g. "Mo-Fr 09:00-17:00" rather than "Mo-Fr 9-17"): check that they say what you mean.',
  },
  hours_dst_gap: {
    it: "Orario che apre o chiude di domenica tra le 02:00 e le 03:00: l'ultima domenica di marzo quell'ora non esiste (cambio dell'ora).",
    en: 'Hours opening or closing on a Sunday between 02:00 and 03:00: on the last Sunday of March that hour does not exist (clocks go forward).',
  },
  hours_too_many_rules: {
    it: `Orario troppo complesso: al massimo ${hoursLimits.rules} regole (parti separate da ";").`,
    en: `Hours too complex: at most ${hoursLimits.rules} rules (parts separated by ";").`,
  },
  hours_too_many_ranges: {
    it: `Orario troppo complesso: al massimo ${hoursLimits.ranges} fasce orarie.`,
    en: `Hours too complex: at most ${hoursLimits.ranges} time ranges.`,
  },
  hours_too_many_day_ranges: {
    it: `Orario troppo complesso: al massimo ${hoursLimits.dayRanges} fasce orarie in uno stesso giorno.`,
    en: `Hours too complex: at most ${hoursLimits.dayRanges} time ranges on the same day.`,
  },
  hours_open_end: {
    it: 'Indica anche l’ora di chiusura (es. "08:00-13:00", non "08:00+"): a uno sportello senza orario di chiusura non si possono trasferire chiamate.',
    en: 'Give the closing time too (e.g. "08:00-13:00", not "08:00+"): calls cannot be transferred to a desk with no closing time.',
  },

  section_not_shared: { it: 'Questa sezione non è condivisa con te.', en: 'This section is not shared with you.' },
  stage_not_forward: { it: 'La fase deve andare avanti (per tornare indietro usa la riapertura).', en: 'The stage must move forward (use re-opening to go back).' },
  date_before_previous_stage: { it: 'La data è precedente alla fase attuale o alla chiusura.', en: 'The date is before the current stage or the closure.' },
  case_not_closed: { it: 'Il percorso non è concluso.', en: 'The pathway is not closed.' },
  no_consent_for_share: { it: 'Nessun consenso alla condivisione con la sua organizzazione.', en: 'No sharing consent for her organisation.' },
  sections_not_consented: { it: 'Sezioni non coperte dal consenso.', en: 'Sections not covered by the consent.' },
  before_given: { it: 'La scadenza è precedente al consenso.', en: 'The expiry is before the consent.' },
  cuav_never: { it: 'Un CUAV non riceve mai i dati delle donne.', en: 'A perpetrator programme (CUAV) never receives her data.' },
  unknown_document: { it: 'Documento non presente nel percorso.', en: 'No such document in this pathway.' },
  already_revoked: { it: 'Consenso già revocato.', en: 'Consent already revoked.' },
  unknown_consent: { it: 'Nessun consenso alla condivisione con questo identificativo nel percorso.', en: 'No sharing consent with this id in this pathway.' },
  consent_not_live: { it: 'Il consenso è stato revocato o è scaduto.', en: 'The consent was revoked or has expired.' },
  purpose_not_consented: { it: 'Il consenso non copre questa finalità di invio.', en: 'The consent does not cover this referral purpose.' },
  referral_pending: { it: 'C’è già un invio in attesa di risposta a questa organizzazione.', en: 'A referral to this organisation is already awaiting an answer.' },
  purposes_only_for_sharing: { it: 'Le finalità di invio valgono solo per un consenso alla condivisione.', en: 'Referral purposes belong to a sharing consent only.' },
  not_minor: { it: 'Il percorso non è di una persona minorenne: il consenso lo dà lei.', en: 'This pathway is not a minor’s: she gives the consent herself.' },
  minor_under_14: {
    it: 'Sotto i 14 anni il consenso non lo dà da sola: lo dà chi ha la responsabilità genitoriale (non l’autore) o chi il tribunale ha indicato.',
    en: 'Under 14 she does not consent alone: whoever holds parental responsibility (never the author) or whoever the court appointed does.',
  },
  needs_parental_consent: {
    it: 'Da 14 a 17 anni da sola può consentire al contatto e alle statistiche anonime; per la presa in carico e la condivisione serve chi ha la responsabilità genitoriale.',
    en: 'From 14 to 17 she may consent alone to contact and anonymous statistics; taking charge and sharing need whoever holds parental responsibility.',
  },
  unknown_holder: { it: 'Questa persona non è tra chi ha la responsabilità genitoriale.', en: 'This person is not among the holders of parental responsibility.' },
  author_cannot_consent: { it: 'Chi è autore della violenza non può dare il consenso per lei.', en: 'The author of the violence cannot consent for her.' },
  already_opened: { it: 'È già stato aperto un percorso per questo figlio o figlia.', en: 'A pathway has already been opened for this child.' },
  age_unknown: { it: 'Indica prima l’età del figlio o della figlia.', en: 'Record the child’s age first.' },
  unknown_goal: { it: 'Obiettivo inesistente.', en: 'Unknown goal.' },
  not_in_emergency: { it: "Il percorso non è in emergenza: non c'è un'emergenza da chiudere.", en: 'The pathway is not in emergency: there is no emergency to end.' },
  not_on_team: { it: "La persona scelta non fa parte dell'équipe del percorso.", en: 'The person chosen is not on the case team.' },
  empty_file: { it: 'Il file è vuoto.', en: 'The file is empty.' },
  file_too_large: { it: 'Il file supera {{maxBytes}} byte.', en: 'The file is over {{maxBytes}} bytes.' },
  content_type_mismatch: { it: 'Il contenuto non corrisponde al tipo dichiarato.', en: 'The content does not match the declared type.' },
  file_unreadable: { it: 'Non è stato possibile leggere il file. Riprova.', en: 'The file could not be read. Try again.' },
  comune_not_chosen: {
    it: "Scegli un comune dall'elenco dei suggerimenti, oppure scrivi il codice ISTAT di 6 cifre.",
    en: 'Choose a comune from the suggestions, or type its 6-digit ISTAT code.',
  },
  country_code: {
    it: "Scegli un Paese dall'elenco (oppure il suo codice ISO di due lettere, ad esempio MA).",
    en: 'Choose a country from the list (or its two-letter ISO code, for example MA).',
  },

  username_format: { it: 'Usa solo lettere senza accenti, cifre e . _ -', en: 'Use only letters without accents, digits and . _ -' },
  totp_code: { it: 'Il codice è formato da 6 cifre.', en: 'The code is made of 6 digits.' },
  passwords_differ: { it: 'Le due password non coincidono.', en: 'The two passwords do not match.' },
  role_not_for_organisation: {
    it: 'Questo ruolo non è previsto per questo tipo di organizzazione.',
    en: 'This role is not available for this kind of organisation.',
  },

  threshold_gap: { it: 'Soglia che lascia punteggi senza livello: deve iniziare dove finisce la precedente (la prima da 0).', en: 'Threshold leaving scores without a level: it must start where the previous one ends (the first at 0).' },
  threshold_overlap: { it: 'Soglia sovrapposta alla precedente: deve iniziare dove finisce la precedente.', en: 'Threshold overlapping the previous one: it must start where the previous one ends.' },
  threshold_order: { it: 'Livelli delle soglie: basso, medio, elevato e, se previsto, imminente, in quest’ordine.', en: 'Threshold levels: basso, medio, elevato and, if used, imminente, in this order.' },
  threshold_empty: { it: 'La soglia deve finire dopo il suo inizio.', en: 'The threshold must end after its start.' },
  threshold_unreachable: { it: 'Soglia irraggiungibile: il punteggio massimo dello strumento è {{maximum}}.', en: 'Unreachable threshold: the highest score of the instrument is {{maximum}}.' },
  level_not_in_instrument: { it: 'Livello non previsto da questo strumento.', en: 'Level not used by this instrument.' },
  unknown_risk_item: { it: 'Domanda non presente in questo strumento.', en: 'No such item in this instrument.' },
  judgement_required: { it: 'Questo strumento richiede il giudizio professionale.', en: 'This instrument requires a professional judgement.' },
  reason_required: { it: 'Motivare il giudizio che cambia il livello calcolato.', en: 'Give the reason for a judgement that changes the computed level.' },
  consent_required: {
    it: 'Senza il suo consenso a essere contattata la segnalazione non si può inviare.',
    en: 'Without her consent to be contacted the referral cannot be sent.',
  },
  consent_not_covering: {
    it: 'Il suo consenso alla condivisione non copre tutte le organizzazioni partecipanti: serve un consenso per ciascuna, oppure una base giuridica per tutelarne la vita.',
    en: 'Her consent to share does not cover every participant organisation: a consent for each is needed, or a legal basis to protect her life.',
  },
  not_participant: { it: "L'organizzazione non partecipa a questa revisione.", en: 'The organisation does not take part in this review.' },
  participant_in_use: {
    it: "Un'organizzazione che ha portato un percorso o ha un'azione in carico non può essere tolta dai partecipanti.",
    en: 'An organisation that brought a pathway or owns an action cannot be removed from the participants.',
  },
  cap_exceeded: {
    it: 'Supera il tetto «{{cap}}» di {{capEuro}}: già impegnati {{usedEuro}}, restano {{leftEuro}}.',
    en: 'Goes over the cap "{{cap}}" of {{capEuro}}: {{usedEuro}} already committed, {{leftEuro}} left.',
  },
  budget_exceeded: {
    it: "Supera la quota del partner per l'asse {{axis}} di {{capEuro}}: già impegnati {{usedEuro}}, restano {{leftEuro}}.",
    en: "Goes over the partner's share of axis {{axis}} of {{capEuro}}: {{usedEuro}} already committed, {{leftEuro}} left.",
  },
  governance_limit: {
    it: 'Supera il 10 % del contributo regionale ({{limitEuro}}): già imputati {{usedEuro}}, chiesti {{askedEuro}}, restano {{leftEuro}}.',
    en: 'Exceeds 10 % of the regional contribution ({{limitEuro}}): {{usedEuro}} already charged, {{askedEuro}} asked, {{leftEuro}} left.',
  },
  plan_exceeded: {
    it: 'Supera quanto assegnabile ({{allocableEuro}}): chiesti {{askedEuro}}, restano {{leftEuro}}.',
    en: 'Exceeds what may be allocated ({{allocableEuro}}): {{askedEuro}} asked, {{leftEuro}} left.',
  },
  not_registered: { it: "L'organizzazione non è iscritta all'Albo regionale: non può ricevere fondi.", en: 'The organisation is not registered in the regional register (Albo): it cannot receive funds.' },
  allocation_exceeded: {
    it: "Supera l'assegnazione di {{allocationEuro}}: già rendicontati {{usedEuro}}, chiesti {{askedEuro}}, restano {{leftEuro}}.",
    en: 'Exceeds the allocation of {{allocationEuro}}: {{usedEuro}} already reported, {{askedEuro}} asked, {{leftEuro}} left.',
  },
  not_cav_or_shelter: { it: 'Solo i centri antiviolenza e le case rifugio della rete partecipano all\'avviso.', en: 'Only the anti-violence centres and shelters of the network take part in the call.' },
  review_closed: { it: 'La revisione è chiusa (o già tenuta): non si può più modificare.', en: 'The review is closed (or already held): it can no longer be changed.' },
} as const satisfies Record<FieldErrorCode, Record<Lang, string>>;

/** Values for the `{{name}}` slots of a text: limits, never personal data. */
export type FieldErrorParams = Record<string, string | number>;

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (fieldErrorCodes as readonly string[]).includes(value);
}

/**
 * The text of a code in a language, its slots filled from `params`; a
 * bracketed part whose slot has no value is left out.
 */
export function fieldErrorText(code: FieldErrorCode, lang: Lang, params: FieldErrorParams = {}): string {
  const text: string = fieldErrorTexts[code]?.[lang] ?? fieldErrorTexts.custom[lang];
  const has = (name: string) => params[name] !== undefined && params[name] !== '';
  return text
    .replace(/ ?\([^()]*\{\{(\w+)\}\}[^()]*\)/g, (group, name: string) => (has(name) ? group : ''))
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => (has(name) ? String(params[name]) : ''));
}

/**
 * The code of a Zod issue: our refinements and formats give a code of the
 * union as their message; Zod's own issue codes are in the union too;
 * anything else is `custom`. Zod's messages are never passed on (some quote
 * what was received).
 */
export function codeOfIssue(code: string, message: string | undefined): FieldErrorCode {
  if (isFieldErrorCode(message)) return message;
  return isFieldErrorCode(code) ? code : 'custom';
}

/** The limits of a Zod too_small / too_big issue, for the `{{minimum}}` / `{{maximum}}` slots. */
export function limitParamsOf(issue: { code: string; minimum?: unknown; maximum?: unknown }): FieldErrorParams | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const out: FieldErrorParams = {};
  for (const key of ['minimum', 'maximum'] as const) {
    const v = issue[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else if (typeof v === 'bigint') out[key] = v.toString();
    else if (v instanceof Date) out[key] = v.toISOString();
  }
  return Object.keys(out).length ? out : undefined;
}
