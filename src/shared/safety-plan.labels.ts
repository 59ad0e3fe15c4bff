import type { Labelled, Lang } from './labels.js';
import { bagItems, contactRelationships, safePlaceKinds, schoolInformedAnswers, technologyChecks } from './safety-plan.api.js';

/** Labels of the safety plan's codes (src/shared/safety-plan.api.ts), Italian and English; the type makes every code need its label. */
export const safetyPlanCodeLists = {
  safePlace: safePlaceKinds,
  relationship: contactRelationships,
  bag: bagItems,
  school: schoolInformedAnswers,
  technology: technologyChecks,
} as const;

export type SafetyPlanCodeKind = keyof typeof safetyPlanCodeLists;
export type SafetyPlanCodeOf<K extends SafetyPlanCodeKind> = (typeof safetyPlanCodeLists)[K][number];

export const safetyPlanCodeLabels: { [K in SafetyPlanCodeKind]: Labelled<SafetyPlanCodeOf<K>> } = {
  safePlace: {
    familiari: { it: 'Casa di familiari', en: "Relatives' home" },
    amici: { it: 'Casa di amiche o amici', en: "Friends' home" },
    vicini: { it: 'Vicine o vicini di casa', en: 'Neighbours' },
    luogo_pubblico: { it: 'Luogo pubblico frequentato (negozio, farmacia, bar)', en: 'Busy public place (shop, pharmacy, café)' },
    forze_ordine: { it: "Forze dell'ordine (caserma, commissariato)", en: 'Police station' },
    centro_antiviolenza: { it: 'Centro antiviolenza', en: 'Anti-violence centre' },
    casa_rifugio: { it: 'Casa rifugio', en: 'Shelter' },
    altro: { it: 'Altro', en: 'Other' },
  },
  relationship: {
    familiare: { it: 'Familiare', en: 'Relative' },
    amica: { it: 'Amica o amico', en: 'Friend' },
    vicina: { it: 'Vicina o vicino di casa', en: 'Neighbour' },
    collega: { it: 'Collega', en: 'Colleague' },
    operatrice: { it: 'Operatrice o operatore', en: 'Support worker' },
    altro: { it: 'Altro', en: 'Other' },
  },
  bag: {
    documenti: { it: 'Documenti (identità, tessera sanitaria, permesso di soggiorno)', en: 'Documents (ID, health card, residence permit)' },
    denaro: { it: 'Denaro, carte di pagamento', en: 'Money, payment cards' },
    chiavi: { it: 'Chiavi di riserva (casa, auto)', en: 'Spare keys (home, car)' },
    farmaci: { it: 'Farmaci e prescrizioni', en: 'Medicines and prescriptions' },
    telefono_caricatore: { it: 'Telefono e caricatore', en: 'Phone and charger' },
    documenti_figli: { it: 'Documenti delle figlie e dei figli', en: "The children's documents" },
    oggetti_figli: { it: 'Oggetti cari alle figlie e ai figli', en: "The children's favourite things" },
    altro: { it: 'Altro', en: 'Other' },
  },
  school: {
    si: { it: 'Sì', en: 'Yes' },
    no: { it: 'No', en: 'No' },
    non_applicabile: { it: 'Non applicabile', en: 'Not applicable' },
  },
  technology: {
    telefono_controllato: { it: 'Telefono controllato (app di localizzazione o spia)', en: 'Phone checked (tracking or spy apps)' },
    password_cambiate: { it: 'Password cambiate (email, social, banca)', en: 'Passwords changed (email, social media, bank)' },
    posizione_disattivata: { it: 'Condivisione della posizione disattivata', en: 'Location sharing turned off' },
  },
};

export function safetyPlanCodeLabel<K extends SafetyPlanCodeKind>(kind: K, code: SafetyPlanCodeOf<K>, lang: Lang): string {
  return safetyPlanCodeLabels[kind][code][lang];
}
