/**
 * Italian and English labels of the directory's codes, for what the server
 * writes itself in Italian (exports). The web's screens use its i18n files,
 * which say the same. Isomorphic: imports only shared code.
 */
import type { AccessibilityFeature, AlboStatus, DirectoryService, Visibility } from './directory.js';
import type { Labelled } from './labels.js';

export const directoryServiceLabels: Labelled<DirectoryService> = {
  ascolto: { it: 'Ascolto', en: 'Listening' },
  accoglienza: { it: 'Accoglienza', en: 'Reception' },
  valutazione_rischio: { it: 'Valutazione del rischio', en: 'Risk assessment' },
  consulenza_legale: { it: 'Consulenza legale', en: 'Legal advice' },
  consulenza_psicologica: { it: 'Consulenza psicologica', en: 'Psychological counselling' },
  supporto_sociale: { it: 'Supporto sociale', en: 'Social support' },
  gruppi_auto_aiuto: { it: 'Gruppi di auto-aiuto', en: 'Self-help groups' },
  orientamento_lavoro: { it: 'Orientamento al lavoro', en: 'Job guidance' },
  orientamento_abitativo: { it: "Orientamento all'autonomia abitativa", en: 'Housing guidance' },
  supporto_minori: { it: 'Supporto ai figli minori', en: 'Support for children' },
  ospitalita_emergenza: { it: 'Ospitalità in emergenza', en: 'Emergency accommodation' },
  ospitalita_protetta: { it: 'Ospitalità protetta (casa rifugio)', en: 'Protected accommodation (shelter)' },
  seconda_accoglienza: { it: 'Seconda accoglienza (semi-autonomia)', en: 'Second-stage housing' },
  mediazione_linguistica: { it: 'Mediazione linguistica e culturale', en: 'Language and cultural mediation' },
  accompagnamento: { it: 'Accompagnamento ai servizi', en: 'Accompaniment to services' },
};
export const accessibilityLabels: Labelled<AccessibilityFeature> = {
  step_free: { it: 'Accesso senza gradini', en: 'Step-free access' },
  accessible_toilet: { it: 'Bagno accessibile', en: 'Accessible toilet' },
  sign_language: { it: 'Lingua dei segni (LIS)', en: 'Sign language (LIS)' },
  easy_read: { it: 'Materiali in linguaggio facile', en: 'Easy-read materials' },
  hearing_loop: { it: 'Anello a induzione magnetica', en: 'Hearing loop' },
};
export const alboStatusLabels: Labelled<AlboStatus> = {
  iscritta: { it: 'Iscritta', en: 'Registered' },
  in_istruttoria: { it: 'Iscrizione in istruttoria', en: 'Registration under review' },
  non_iscritta: { it: 'Non iscritta', en: 'Not registered' },
  non_applicabile: { it: 'Non applicabile', en: 'Not applicable' },
};
export const visibilityLabels: Labelled<Visibility> = {
  public: { it: 'Pubblico', en: 'Public' },
  reserved: { it: 'Riservato', en: 'Reserved' },
  secret: { it: 'Segreto', en: 'Secret' },
};
