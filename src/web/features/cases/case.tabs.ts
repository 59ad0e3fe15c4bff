/** A case page's tabs. */
export type TabKey = 'summary' | 'profile' | 'children' | 'timeline' | 'risk' | 'plan' | 'consents' | 'documents' | 'team' | 'authors';

/** The tab's name in the address (`/percorsi/:id?scheda=diario`), in the words staff read; links from elsewhere (notifications) use it too. */
export const tabSlugs: Record<TabKey, string> = {
  summary: 'riepilogo',
  profile: 'profilo',
  children: 'figli',
  timeline: 'diario',
  risk: 'rischio',
  plan: 'piano',
  consents: 'consensi',
  documents: 'documenti',
  team: 'equipe',
  authors: 'autori',
};
