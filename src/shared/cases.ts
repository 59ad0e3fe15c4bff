/**
 * Codes of the woman's pathway (percorso): stages, the statistical profile
 * (ISTAT classifications, docs/domain.md §5), consent purposes, the timeline.
 * Isomorphic: imports nothing. Each code has its it and en label in
 * cases.labels.ts (screens and printouts read the same labels).
 */

/** Stages as the Lombardy observatory counts them, in order. */
export const caseStages = ['contatto', 'accoglienza', 'presa_in_carico', 'concluso'] as const;
export type CaseStage = (typeof caseStages)[number];

export const closureOutcomes = ['obiettivi_raggiunti', 'abbandono', 'inviata_servizi_territoriali', 'trasferita', 'rientro_maltrattante', 'altro'] as const;
export type ClosureOutcome = (typeof closureOutcomes)[number];

/** The risk levels of an assessment's final level (src/shared/risk: an instrument's levels, the same order). */
export const riskLevels = ['basso', 'medio', 'elevato', 'imminente'] as const;
/** The levels that count as high risk (the workload's count, the caseload filter, the triggers of docs/risk.md). */
/**
 * Events that change the risk: a timeline event may be marked with one (a
 * separation, a breach of a protection measure, new violence), and an
 * assessment's occasion may be one. Recorded after the latest assessment,
 * such an event makes a re-assessment due at once (docs/risk.md).
 */
export const riskEventKinds = ['separazione', 'violazione_misura', 'nuova_violenza'] as const;
export type RiskEventKind = (typeof riskEventKinds)[number];
/**
 * How a timeline event marks the emergency (docs/cases.md, "Emergency"): `inizio` puts the
 * case in emergency (a flight, an access to the emergency room, the police called), `fine`
 * ends it (with its reason in the notes). The case's `emergency` is derived from these, from
 * the latest risk assessment (`imminente` sets it, a lower level clears it) and from the opening.
 */
export const emergencyMarks = ['inizio', 'fine'] as const;
export type EmergencyMark = (typeof emergencyMarks)[number];
/** What last set or cleared a case's emergency: its opening, a timeline event, a risk assessment. */
export const emergencySources = ['apertura', 'evento', 'valutazione'] as const;
export type EmergencySource = (typeof emergencySources)[number];
/** Why an assessment was made: the first one, a scheduled re-assessment, an event that changes the risk, or another reason. */
export const riskOccasions = ['iniziale', 'programmata', ...riskEventKinds, 'altro'] as const;
export type RiskOccasion = (typeof riskOccasions)[number];
export const highRiskLevels = ['elevato', 'imminente'] as const satisfies readonly (typeof riskLevels)[number][];
export type RiskLevel = (typeof riskLevels)[number];

export const ageBands = ['lt18', '18_29', '30_39', '40_49', '50_59', '60_69', '70_plus'] as const;
export const citizenships = ['italiana', 'ue', 'extra_ue'] as const;
export const educationLevels = ['nessuno', 'elementare', 'media', 'superiore', 'laurea', 'non_rilevato'] as const;
export const employmentStatuses = ['occupata', 'disoccupata', 'in_cerca_prima_occupazione', 'studentessa', 'casalinga', 'pensionata', 'altro', 'non_rilevato'] as const;
export const livingSituations = ['con_autore', 'sola', 'con_figli', 'con_famiglia_origine', 'con_altri', 'senza_dimora', 'struttura', 'non_rilevato'] as const;
export const fragilities = ['disabilita', 'dipendenze', 'salute_mentale', 'gravidanza', 'senza_permesso', 'difficolta_linguistiche', 'isolamento'] as const;
export const violenceTypes = [
  'fisica',
  'minacce',
  'stupro_tentato_stupro',
  'altra_sessuale',
  'stalking',
  'psicologica',
  'economica',
  'assistita',
  'online',
  'matrimonio_forzato',
  'mgf',
  'tratta',
] as const;
export const authorRelationships = ['partner', 'ex_partner', 'altro_parente', 'conoscente', 'sconosciuto'] as const;
export const violenceDurations = ['lt6m', '6_12m', '1_5y', 'gt5y', 'non_rilevato'] as const;
export const accessChannels = [
  'autonomo',
  'amici_familiari',
  '1522',
  'pronto_soccorso',
  'forze_ordine',
  'servizi_sociali',
  'medico',
  'consultorio',
  'scuola',
  'altro_cav',
  'altro',
] as const;
export const protectionMeasureTypes = ['allontanamento', 'divieto_avvicinamento', 'ammonimento', 'braccialetto_elettronico', 'ordine_protezione_civile', 'altro'] as const;
export const reportKinds = ['denuncia', 'querela'] as const;

/** Parts of a case; a member from another organisation sees only those her share covers. */
export const caseSections = ['identity', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'work_housing', 'authors', 'risk', 'minor'] as const;
export type CaseSection = (typeof caseSections)[number];

export const consentPurposes = ['presa_in_carico', 'condivisione', 'statistiche_anonime', 'contatto'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentForms = ['scritto', 'orale'] as const;
export const contactChannels = ['telefono', 'sms', 'whatsapp', 'email', 'di_persona', 'tramite_persona_fidata'] as const;

export const eventChannels = ['di_persona', 'telefono', 'video', 'email', 'visita_domiciliare', 'altro'] as const;
export const eventTypes = [
  'ascolto',
  'accoglienza',
  'consulenza_legale',
  'supporto_psicologico',
  'sociale',
  'educativa',
  'orientamento_lavoro_casa',
  'accompagnamento',
  'gruppo',
] as const;

export const childNeeds = ['supporto_psicologico', 'scuola', 'sanitario', 'legale', 'educativo', 'altro'] as const;
export const custodyStatuses = ['nessun_procedimento', 'procedimento_in_corso', 'affido_madre', 'affido_condiviso', 'affido_servizi', 'non_rilevato'] as const;

/** The legal deadlines after a report is registered (L. 69/2019, L. 168/2023), in days. */
export const legalDeadlineDays = { hearing: 3, precautionaryRequest: 30, judgeDecision: 20 } as const;

/** Areas of the individual plan (progetto individualizzato). */
export const planAreas = ['sicurezza', 'legale', 'salute', 'casa', 'lavoro', 'figli', 'autonomia_economica'] as const;
export type PlanArea = (typeof planAreas)[number];
/** Plan areas a member with the work/housing section sees (a CPI advisor, a housing agency). */
export const workHousingAreas: readonly PlanArea[] = ['casa', 'lavoro', 'autonomia_economica'];
export const goalStatuses = ['aperto', 'raggiunto', 'abbandonato'] as const;

/**
 * Action types of the plan. Deliberately closed: mediation between her and
 * the author is forbidden (Istanbul Convention art. 48) and has no type.
 */
export const planActionTypes = [
  'piano_sicurezza',
  /** Set off by a high-risk assessment (docs/risk.md), with piano_sicurezza: consider emergency shelter, propose a multi-agency review. */
  'valutare_casa_rifugio',
  'proporre_revisione_multiagenzia',
  'consulenza_legale',
  'accompagnamento_denuncia',
  'supporto_psicologico',
  'presa_in_carico_sociale',
  'ospitalita_casa_rifugio',
  'ricerca_alloggio',
  'orientamento_lavoro',
  'tirocinio',
  'formazione',
  'sostegno_economico',
  'reddito_di_liberta',
  'conciliazione',
  'supporto_figli',
  'sanitario',
  'altro',
] as const;
export const actionStatuses = ['prevista', 'in_corso', 'fatta', 'annullata'] as const;

/** Kinds of document kept with a case. */
export const documentKinds = ['consenso', 'denuncia', 'referto_medico', 'provvedimento', 'documento_identita', 'relazione', 'altro'] as const;
/** File types accepted for upload (checked against the file's own first bytes too). */
export const documentMimeTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
] as const;
export type DocumentMimeType = (typeof documentMimeTypes)[number];
export type DocumentKind = (typeof documentKinds)[number];
