import type { OrganisationType, Role } from './domain.js';

/** Human labels for domain codes, Italian first. */
export type Lang = 'it' | 'en';
export type Labelled<K extends string> = Record<K, Record<Lang, string>>;

export const organisationTypeLabels: Labelled<OrganisationType> = {
  ente_capofila: { it: 'Ente capofila', en: 'Lead municipality (ente capofila)' },
  cav: { it: 'Centro antiviolenza (CAV)', en: 'Anti-violence centre (CAV)' },
  casa_rifugio: { it: 'Casa rifugio', en: 'Shelter (casa rifugio)' },
  servizio_sociale: { it: 'Servizio sociale', en: 'Social services' },
  forze_ordine: { it: "Forze dell'ordine", en: 'Police' },
  pronto_soccorso: { it: 'Pronto soccorso', en: 'Emergency room' },
  sanita: { it: 'Sanità (ATS/ASST/consultorio)', en: 'Health services' },
  giustizia: { it: 'Giustizia (Procura/Tribunale)', en: 'Justice (prosecutor/court)' },
  prefettura: { it: 'Prefettura', en: 'Prefecture' },
  scuola: { it: 'Ufficio scolastico / scuola', en: 'School office' },
  cpi: { it: "Centro per l'impiego (CPI)", en: 'Job centre (CPI)' },
  ente_casa: { it: 'Ente per la casa (ALER)', en: 'Housing agency' },
  cuav: { it: 'CUAV (uomini autori di violenza)', en: 'Perpetrator programme (CUAV)' },
  terzo_settore: { it: 'Terzo settore', en: 'Third sector' },
  ordine_professionale: { it: 'Ordine professionale', en: 'Professional order' },
  osservatorio: { it: 'Osservatorio regionale', en: 'Regional observatory' },
  helpline: { it: 'Servizio 1522', en: '1522 helpline' },
  altro: { it: 'Altro', en: 'Other' },
};

export const roleLabels: Labelled<Role> = {
  instance_admin: { it: "Amministratrice dell'istanza", en: 'Instance administrator' },
  network_coordinator: { it: 'Coordinatrice di rete', en: 'Network coordinator' },
  organisation_head: { it: 'Responsabile di organizzazione', en: 'Organisation head' },
  operator: { it: 'Operatrice', en: 'Operator' },
  social_worker: { it: 'Assistente sociale', en: 'Social worker' },
  helpline_operator: { it: 'Operatrice 1522', en: 'Helpline operator' },
  observatory_analyst: { it: 'Analista osservatorio', en: 'Observatory analyst' },
};
