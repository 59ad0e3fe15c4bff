import type { Labelled } from './labels.js';
import {
  authorisationStates,
  childSexes,
  criterionLevels,
  distanceBands,
  placeStates,
  placementClosedReasons,
  placementCriteria,
  placementDeclineReasons,
  placementRequestStates,
  placementUrgencies,
  proposalStates,
  protectionLevels,
  stayExitReasons,
  stayPaths,
  stayStates,
  structureLevels,
} from './shelters.js';

/**
 * The shelters codes as people read them, Italian first (screens, exports
 * and notifications read the same labels). A code without both labels does
 * not compile.
 */
export const shelterCodeLists = {
  level: structureLevels,
  protectionLevel: protectionLevels,
  placeState: placeStates,
  urgency: placementUrgencies,
  requestState: placementRequestStates,
  closedReason: placementClosedReasons,
  proposalState: proposalStates,
  declineReason: placementDeclineReasons,
  childSex: childSexes,
  criterion: placementCriteria,
  criterionLevel: criterionLevels,
  distanceBand: distanceBands,
  stayPath: stayPaths,
  stayState: stayStates,
  exitReason: stayExitReasons,
  authorisationState: authorisationStates,
} as const;

export type ShelterCodeKind = keyof typeof shelterCodeLists;
export type ShelterCodeOf<K extends ShelterCodeKind> = (typeof shelterCodeLists)[K][number];

export const shelterCodeLabels: { [K in ShelterCodeKind]: Labelled<ShelterCodeOf<K>> } = {
  level: {
    pronto_intervento: { it: 'Pronto intervento', en: 'Emergency house' },
    casa_rifugio: { it: 'Casa rifugio', en: 'Shelter (casa rifugio)' },
    comunita: { it: 'Comunità di accoglienza', en: 'Reception community' },
    seconda_accoglienza: { it: 'Seconda accoglienza (semi-autonomia)', en: 'Second-level housing (semi-autonomy)' },
    non_dedicata: { it: 'Struttura non dedicata (emergenza)', en: 'Non-dedicated emergency placement' },
  },
  protectionLevel: {
    alta: { it: 'Protezione alta', en: 'High protection' },
    media: { it: 'Protezione media', en: 'Medium protection' },
    ordinaria: { it: 'Protezione ordinaria', en: 'Ordinary protection' },
  },
  placeState: {
    libero: { it: 'Libero', en: 'Free' },
    trattenuto: { it: 'Trattenuto (in attesa di ingresso)', en: 'Held (awaiting admission)' },
    occupato: { it: 'Occupato', en: 'Occupied' },
    fuori_servizio: { it: 'Fuori servizio', en: 'Out of service' },
  },
  urgency: {
    ordinaria: { it: 'Ordinaria', en: 'Ordinary' },
    urgente: { it: 'Urgente', en: 'Urgent' },
    emergenza: { it: 'Emergenza (in giornata)', en: 'Emergency (same day)' },
  },
  requestState: {
    aperta: { it: 'Aperta (struttura da cercare)', en: 'Open (looking for a structure)' },
    in_attesa: { it: 'In attesa di risposta della struttura', en: 'Awaiting the structure' },
    accettata: { it: 'Accettata (posti trattenuti)', en: 'Accepted (places held)' },
    ammessa: { it: 'Ingresso avvenuto', en: 'Admitted' },
    chiusa: { it: 'Chiusa', en: 'Closed' },
  },
  closedReason: {
    ritirata: { it: 'Ritirata', en: 'Withdrawn' },
    non_soddisfatta: { it: 'Non soddisfatta (nessuna struttura disponibile)', en: 'Unmet (no structure available)' },
    altro: { it: 'Altro motivo', en: 'Other reason' },
  },
  proposalState: {
    in_attesa: { it: 'In attesa di risposta', en: 'Awaiting an answer' },
    accettata: { it: 'Accettata (posti trattenuti)', en: 'Accepted (places held)' },
    rifiutata: { it: 'Non accolta', en: 'Declined' },
    ritirata: { it: 'Ritirata', en: 'Withdrawn' },
    scaduta: { it: 'Scaduta (posti liberati)', en: 'Expired (places released)' },
    ammessa: { it: 'Ingresso avvenuto', en: 'Admitted' },
  },
  declineReason: {
    no_capacity: { it: 'Nessun posto disponibile', en: 'No place available' },
    not_appropriate: { it: 'Struttura non adatta alla richiesta', en: 'Not the right structure for this' },
    declined_by_woman: { it: 'La donna non ha accettato', en: 'She did not accept' },
    other: { it: 'Altro motivo', en: 'Other reason' },
  },
  childSex: {
    F: { it: 'Femmina', en: 'Girl' },
    M: { it: 'Maschio', en: 'Boy' },
  },
  criterion: {
    autonomia: { it: 'Autonomia', en: 'Autonomy' },
    autodeterminazione: { it: 'Autodeterminazione', en: 'Self-determination' },
    autoprotezione: { it: 'Capacità di autoprotezione', en: 'Capacity for self-protection' },
    multiproblematicita: { it: 'Multiproblematicità', en: 'Multiple problems' },
    rischio_recidiva: { it: 'Rischio di recidiva', en: 'Risk of repeat violence' },
    pericolosita: { it: 'Pericolosità', en: 'Danger' },
    rete_supporto: { it: 'Rete di supporto', en: 'Support network' },
  },
  criterionLevel: {
    basso: { it: 'Basso', en: 'Low' },
    medio: { it: 'Medio', en: 'Medium' },
    alto: { it: 'Alto', en: 'High' },
  },
  distanceBand: {
    lt20: { it: 'Meno di 20 km', en: 'Under 20 km' },
    '20_50': { it: 'Tra 20 e 50 km', en: '20 to 50 km' },
    '50_100': { it: 'Tra 50 e 100 km', en: '50 to 100 km' },
    gt100: { it: 'Oltre 100 km', en: 'Over 100 km' },
  },
  stayPath: {
    accordo: { it: 'Con accordo del servizio sociale', en: 'Agreed with the social service' },
    emergenza: { it: 'Ingresso in emergenza', en: 'Emergency admission' },
  },
  stayState: {
    in_autorizzazione: { it: 'In attesa di autorizzazione', en: 'Awaiting authorisation' },
    in_corso: { it: 'In corso', en: 'Ongoing' },
    conclusa: { it: 'Conclusa', en: 'Ended' },
    non_autorizzata: { it: 'Non autorizzata', en: 'Not authorised' },
  },
  exitReason: {
    percorso_concluso: { it: 'Percorso concluso', en: 'Pathway completed' },
    fine_periodo: { it: 'Fine del periodo di ospitalità', en: 'End of the stay period' },
    abbandono: { it: 'Abbandono della struttura', en: 'Left the structure' },
    rientro_maltrattante: { it: 'Rientro dal maltrattante', en: 'Returned to the abuser' },
    trasferimento: { it: 'Trasferimento ad altra struttura', en: 'Moved to another structure' },
    altro: { it: 'Altro motivo', en: 'Other reason' },
  },
  authorisationState: {
    in_attesa: { it: 'In attesa', en: 'Awaited' },
    autorizzata: { it: 'Autorizzata', en: 'Authorised' },
    rifiutata: { it: 'Non autorizzata', en: 'Refused' },
  },
};
