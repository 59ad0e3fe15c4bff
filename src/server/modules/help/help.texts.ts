import { type AccessibilityFeature, type DirectoryService, type PublicLanguage, rtlLanguages as rtl } from '../../../shared/directory.js';
import { es, fr, ro, sq } from './help.texts.latin.js';
import { fa, pl, pt, ru } from './help.texts.more.js';
import { ar, uk, zh } from './help.texts.world.js';

/**
 * Fixed texts of the public "Trova aiuto" page and API, in the eleven
 * languages 1522 speaks and in Romanian and Chinese. Italian and English are complete; every language has every
 * text (the type makes a missing one a compile error, a test checks that
 * none is empty and that placeholders match the Italian). Placeholders:
 * {comune}, {network}, {km}, {time}, {day}, {when}, {languages}. "1522" and "112" stay as
 * they are in every language. The page speaks to a woman directly (the
 * informal "tu" where the language has one, feminine where it marks gender).
 */
export interface HelpTexts {
  /** The <title>: neutral on purpose (a tab or history entry must not say "violence"). */
  title: string;
  skipLink: string;
  quickExit: string;
  /** Shown only to keyboards (with JavaScript): on a phone there is no Shift key. */
  quickExitShift: string;
  /** Beside the exit: the visit stays in the browser's history (always so without JavaScript), so how to clear it or browse privately. */
  quickExitHistory: string;
  languages: string;
  heading: string;
  intro: string;
  helplineTitle: string;
  /** Also `helpline.text` in the API. */
  helplineText: string;
  /** The languages 1522 answers in ({languages}: their names in the page's language). */
  helplineLanguages: string;
  helplineCall: string;
  helplineChat: string;
  emergencyTitle: string;
  /** Also `emergency.text` in the API. */
  emergencyText: string;
  emergencyCall: string;
  searchLabel: string;
  searchHint: string;
  searchButton: string;
  searchTooShort: string;
  searchNoResults: string;
  searchResults: string;
  suggestions: string;
  comuneNotFound: string;
  badRequest: string;
  tooManyRequests: string;
  unavailable: string;
  answerTitle: string;
  evaluatedAt: string;
  networkTitle: string;
  networkCovers: string;
  notCovered: string;
  nearestNetwork: string;
  /** Heading of the nearest network's points for a comune outside every network (never "of reference"). */
  nearestTitle: string;
  referentTitle: string;
  referentNotPublic: string;
  openNow: string;
  closesAt: string;
  closedNow: string;
  nextOpening: string;
  dayAtTime: string;
  hoursUnknown: string;
  phoneOpenNow: string;
  phoneClosedNow: string;
  phone24h: string;
  phone: string;
  /** The big call button of the first centre shown (its number follows). */
  callCentre: string;
  email: string;
  address: string;
  week: string;
  closedDay: string;
  distance: string;
  spokenLanguages: string;
  services: string;
  accessibility: string;
  sportelliTitle: string;
  noSportelli: string;
  /** Folded list of the points that are not anti-violence centres (job centre, housing, lawyers…). */
  otherServices: string;
  searchAgain: string;
  safetyTitle: string;
  safetyPrivate: string;
  safetyHistory: string;
  safetyNoCookies: string;
  safetyExit: string;
  serviceLabels: Record<DirectoryService, string>;
  accessibilityLabels: Record<AccessibilityFeature, string>;
}

/** Each language's own name, for the language switch. */
export const languageNames: Record<PublicLanguage, string> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
  fa: 'فارسی',
  sq: 'Shqip',
  ru: 'Русский',
  uk: 'Українська',
  pt: 'Português',
  pl: 'Polski',
  ro: 'Română',
  zh: '中文',
};

/** Languages written right to left (Arabic, Farsi). */
export const rtlLanguages: ReadonlySet<PublicLanguage> = new Set(rtl);

const it: HelpTexts = {
  title: 'Informazioni utili',
  skipLink: 'Vai al contenuto',
  quickExit: 'Esci subito',
  quickExitShift: 'Per uscire subito puoi anche premere tre volte il tasto Maiusc (Shift).',
  quickExitHistory: 'La visita resta nella cronologia del browser: cancellala dopo, oppure usa una finestra di navigazione privata (in incognito).',
  languages: 'Lingua',
  heading: 'Trova aiuto vicino a te',
  intro: 'Se subisci violenza o hai paura per la tua sicurezza, non sei sola. Qui trovi i numeri da chiamare e i centri antiviolenza del tuo comune.',
  helplineTitle: '1522 – Numero antiviolenza e stalking',
  helplineText: 'Il 1522 è gratuito, attivo 24 ore su 24, anonimo e risponde in più lingue.',
  helplineLanguages: 'Il 1522 risponde in: {languages}.',
  helplineCall: 'Chiama il 1522',
  helplineChat: 'Chat su www.1522.eu',
  emergencyTitle: '112 – Emergenza',
  emergencyText: 'Se sei in pericolo adesso, chiama il 112.',
  emergencyCall: 'Chiama il 112',
  searchLabel: 'Il tuo comune',
  searchHint: 'Scrivi il nome del comune in cui vivi o ti trovi, anche senza accenti.',
  searchButton: 'Cerca',
  searchTooShort: 'Scrivi almeno 2 lettere del nome del comune.',
  searchNoResults: 'Nessun comune trovato con questo nome. Controlla e riprova.',
  searchResults: 'Scegli il tuo comune',
  suggestions: 'Comuni suggeriti',
  comuneNotFound: 'Comune non trovato. Cercalo per nome.',
  badRequest: 'La richiesta non è valida. Cerca il comune per nome.',
  tooManyRequests: 'Troppe richieste in poco tempo: riprova tra un minuto. Il 1522 e il 112 rispondono sempre.',
  unavailable: 'La ricerca non è disponibile in questo momento. Il 1522 e il 112 rispondono sempre.',
  answerTitle: 'Aiuto vicino a {comune}',
  evaluatedAt: 'Aperture calcolate per {when}, ora italiana.',
  networkTitle: 'La rete antiviolenza del tuo territorio',
  networkCovers: '{comune} fa parte di: {network}.',
  notCovered: 'Per {comune} non risulta ancora una rete antiviolenza in questo elenco. Chiama il 1522: ti mette in contatto con il centro più vicino.',
  nearestNetwork: 'La rete più vicina è {network}, a circa {km} km.',
  nearestTitle: 'Centri antiviolenza più vicini, fuori dal tuo territorio',
  referentTitle: 'Il centro antiviolenza di riferimento',
  referentNotPublic: 'I recapiti del centro di riferimento non sono pubblici: chiama il 1522 e ti metterà in contatto.',
  openNow: 'Aperto ora',
  closesAt: 'Chiude alle {time}',
  closedNow: 'Chiuso ora',
  nextOpening: 'Prossima apertura {when}',
  dayAtTime: '{day} alle {time}',
  hoursUnknown: 'Orari non indicati: chiama per informazioni.',
  phoneOpenNow: 'Al telefono risponde ora',
  phoneClosedNow: 'Al telefono ora non risponde',
  phone24h: 'Telefono attivo 24 ore su 24',
  phone: 'Telefono',
  callCentre: 'Chiama il centro',
  email: 'Email',
  address: 'Indirizzo',
  week: 'Orari dei prossimi 7 giorni',
  closedDay: 'chiuso',
  distance: 'a {km} km',
  spokenLanguages: 'Lingue parlate',
  services: 'Servizi',
  accessibility: 'Accessibilità',
  sportelliTitle: 'Sportelli della rete, dal più vicino',
  noSportelli: 'Nessuno sportello pubblico per questa rete: chiama il 1522.',
  otherServices: 'Altri servizi',
  searchAgain: 'Cerca un altro comune',
  safetyTitle: 'Come navigare in sicurezza',
  safetyPrivate: 'Se puoi, usa una finestra di navigazione privata (in incognito) o un dispositivo di cui ti fidi.',
  safetyHistory: 'Dopo la visita cancella la cronologia del browser.',
  safetyNoCookies: 'Questa pagina non usa cookie e non contatta altri siti.',
  safetyExit: 'Il pulsante «Esci subito» apre un sito qualsiasi al posto di questa pagina.',
  serviceLabels: {
    ascolto: 'Ascolto',
    accoglienza: 'Accoglienza',
    valutazione_rischio: 'Valutazione del rischio',
    consulenza_legale: 'Consulenza legale',
    consulenza_psicologica: 'Supporto psicologico',
    supporto_sociale: 'Supporto sociale',
    gruppi_auto_aiuto: 'Gruppi di auto-aiuto',
    orientamento_lavoro: 'Orientamento al lavoro',
    orientamento_abitativo: 'Orientamento alla casa',
    supporto_minori: 'Supporto per figlie e figli',
    ospitalita_emergenza: 'Ospitalità in emergenza',
    ospitalita_protetta: 'Casa rifugio (ospitalità protetta)',
    seconda_accoglienza: 'Seconda accoglienza (semi-autonomia)',
    mediazione_linguistica: 'Mediazione linguistica',
    accompagnamento: 'Accompagnamento ai servizi',
  },
  accessibilityLabels: {
    step_free: 'Accesso senza gradini',
    accessible_toilet: 'Bagno accessibile',
    sign_language: 'Lingua dei segni (LIS)',
    easy_read: 'Materiali in linguaggio facile',
    hearing_loop: 'Anello a induzione per l’udito',
  },
};

const en: HelpTexts = {
  title: 'Useful information',
  skipLink: 'Skip to content',
  quickExit: 'Quick exit',
  quickExitShift: 'You can also press the Shift key three times to leave at once.',
  quickExitHistory: 'This visit stays in the browser history: clear it afterwards, or use a private (incognito) window.',
  languages: 'Language',
  heading: 'Find help near you',
  intro: 'If you are experiencing violence or fear for your safety, you are not alone. Here you find the numbers to call and the anti-violence centres of your comune (municipality).',
  helplineTitle: '1522 – Anti-violence and stalking helpline',
  helplineText: '1522 is free, open 24 hours a day, anonymous, and answers in several languages.',
  helplineLanguages: '1522 answers in: {languages}.',
  helplineCall: 'Call 1522',
  helplineChat: 'Chat at www.1522.eu',
  emergencyTitle: '112 – Emergency',
  emergencyText: 'If you are in danger now, call 112.',
  emergencyCall: 'Call 112',
  searchLabel: 'Your comune (municipality)',
  searchHint: 'Type the name of the town where you live or are now; accents are not needed.',
  searchButton: 'Search',
  searchTooShort: 'Type at least 2 letters of the name.',
  searchNoResults: 'No comune found with this name. Check it and try again.',
  searchResults: 'Choose your comune',
  suggestions: 'Suggested comuni',
  comuneNotFound: 'Comune not found. Search for it by name.',
  badRequest: 'The request is not valid. Search for the comune by name.',
  tooManyRequests: 'Too many requests in a short time: try again in a minute. 1522 and 112 always answer.',
  unavailable: 'The search is not available right now. 1522 and 112 always answer.',
  answerTitle: 'Help near {comune}',
  evaluatedAt: 'Opening times worked out for {when}, Italian time.',
  networkTitle: 'The anti-violence network of your area',
  networkCovers: '{comune} belongs to: {network}.',
  notCovered: 'No anti-violence network is listed here for {comune} yet. Call 1522: they will put you in touch with the nearest centre.',
  nearestNetwork: 'The nearest network is {network}, about {km} km away.',
  nearestTitle: 'Nearest anti-violence centres, outside your area',
  referentTitle: 'The anti-violence centre for your area',
  referentNotPublic: 'The contact details of the centre for your area are not public: call 1522 and they will put you in touch.',
  openNow: 'Open now',
  closesAt: 'Closes at {time}',
  closedNow: 'Closed now',
  nextOpening: 'Next opening {when}',
  dayAtTime: '{day} at {time}',
  hoursUnknown: 'Opening times not given: call for information.',
  phoneOpenNow: 'The phone is answered now',
  phoneClosedNow: 'The phone is not answered now',
  phone24h: 'Phone answered 24 hours a day',
  phone: 'Phone',
  callCentre: 'Call the centre',
  email: 'Email',
  address: 'Address',
  week: 'Opening times for the next 7 days',
  closedDay: 'closed',
  distance: '{km} km away',
  spokenLanguages: 'Languages spoken',
  services: 'Services',
  accessibility: 'Accessibility',
  sportelliTitle: 'Help points of the network, nearest first',
  noSportelli: 'This network has no public help point: call 1522.',
  otherServices: 'Other services',
  searchAgain: 'Search another comune',
  safetyTitle: 'How to browse safely',
  safetyPrivate: 'If you can, use a private (incognito) window or a device you trust.',
  safetyHistory: 'After your visit, clear the browser history.',
  safetyNoCookies: 'This page uses no cookies and contacts no other site.',
  safetyExit: 'The “Quick exit” button replaces this page with an ordinary website.',
  serviceLabels: {
    ascolto: 'Listening and support',
    accoglienza: 'Reception',
    valutazione_rischio: 'Risk assessment',
    consulenza_legale: 'Legal advice',
    consulenza_psicologica: 'Psychological support',
    supporto_sociale: 'Social support',
    gruppi_auto_aiuto: 'Self-help groups',
    orientamento_lavoro: 'Job guidance',
    orientamento_abitativo: 'Housing guidance',
    supporto_minori: 'Support for children',
    ospitalita_emergenza: 'Emergency accommodation',
    ospitalita_protetta: 'Shelter (protected accommodation)',
    seconda_accoglienza: 'Second-stage housing (semi-independent)',
    mediazione_linguistica: 'Language mediation',
    accompagnamento: 'Accompaniment to services',
  },
  accessibilityLabels: {
    step_free: 'Step-free access',
    accessible_toilet: 'Accessible toilet',
    sign_language: 'Sign language (LIS)',
    easy_read: 'Easy-read materials',
    hearing_loop: 'Hearing loop',
  },
};

/** Every fixed text, by language: a missing language or text does not compile. */
export const helpTexts: Record<PublicLanguage, HelpTexts> = { it, en, fr, es, ar, fa, sq, ru, uk, pt, pl, ro, zh };

/** Fills the {placeholders} of a text (values are plain text: the page escapes them). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
