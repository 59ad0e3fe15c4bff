/** A case page's tabs. */
export type TabKey = 'summary' | 'profile' | 'children' | 'minor' | 'timeline' | 'risk' | 'plan' | 'consents' | 'referrals' | 'documents' | 'team' | 'authors';

/** The tab's name in the address (`/percorsi/:id?scheda=diario`), in the words staff read; links from elsewhere (notifications) use it too. */
export const tabSlugs: Record<TabKey, string> = {
  summary: 'riepilogo',
  profile: 'profilo',
  children: 'figli',
  minor: 'minorenne',
  timeline: 'diario',
  risk: 'rischio',
  plan: 'piano',
  consents: 'consensi',
  referrals: 'invii',
  documents: 'documenti',
  team: 'equipe',
  authors: 'autori',
};
