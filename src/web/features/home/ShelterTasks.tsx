import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can } from '../../api/session';
import type { Me } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { useShelterLabels } from '../shelters/structures/shelters.labels';
import { useProposals } from '../shelters/requests/requests.api';
import { type AuthorisationList, useAuthorisations } from '../shelters/stays/stays.api';
import { HomeSection } from './HomeSection';

/**
 * Shelter work waiting for her, on the home page (docs/shelters.md, "Tasks
 * on the home page"), read through the shelters' own listings — each
 * showing only what her organisation may see there:
 *
 * - a network coordinator: the emergency authorisations of the structures
 *   of the networks she leads that are overdue or escalated
 *   (GET /api/shelters/authorisations?state=in_attesa);
 * - a social service's head and social workers: the agreements and
 *   authorisations awaiting its decision, deadline first (the same list);
 * - a housing organisation's head and operators: the proposals awaiting
 *   her structures' answer (GET /api/shelters/proposals?state=in_attesa).
 *
 * A request's code or a stay's reference, a structure's name and level, a
 * deadline: never a name or an address. Nothing is shown when there is
 * nothing to do.
 */
export function ShelterTasks({ me }: { me: Me }) {
  const coordinator = me.role === 'network_coordinator' && can(me, permissions.shelterRequestRead);
  const decides = can(me, permissions.shelterAuthorisationDecide);
  const answers = can(me, permissions.shelterStayWrite);
  return (
    <>
      {coordinator || decides ? <AuthorisationTasks mode={decides ? 'decide' : 'overdue'} /> : null}
      {answers ? <ProposalTasks /> : null}
    </>
  );
}

type AuthorisationItem = AuthorisationList['items'][number];
const SHOWN = 10;

function AuthorisationTasks({ mode }: { mode: 'decide' | 'overdue' }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useAuthorisations('in_attesa');
  const items = (query.data?.items ?? []).filter((a: AuthorisationItem) => (mode === 'decide' ? a.acts.decide : a.subject === 'permanenza' && (a.overdue || a.escalatedAt !== null)));
  if (!query.error && !items.length) return null;
  const key = mode === 'decide' ? 'home.shelters.decide' : 'home.shelters.overdue';
  return (
    <HomeSection id={`home-shelters-${mode}`} title={t(`${key}.title`)} testId={`home-shelters-${mode}`} query={query}>
      <p>{t(`${key}.intro`)}</p>
      <ul>
        {items.slice(0, SHOWN).map((a) => (
          <li key={a.id}>
            <Link to={`/ospitalita/autorizzazioni/${a.id}`}>{a.requestCode ? t('home.shelters.request', { code: a.requestCode }) : t('home.shelters.emergency')}</Link>
            {a.structure ? ` — ${a.structure.name} (${labels.label('level', a.structure.level)})` : ''}
            {' — '}
            {t('home.shelters.household', { count: a.adults + a.children.length })}
            {a.dueAt ? ` — ${t(a.overdue ? 'home.shelters.overdueSince' : 'home.shelters.dueAt', { at: formatDateTime(a.dueAt, labels.lang) })}` : ''}
            {a.escalatedAt ? ` ${t('home.shelters.escalated')}` : ''}
          </li>
        ))}
      </ul>
      {items.length > SHOWN ? <p>{t('home.shelters.more', { count: items.length - SHOWN })}</p> : null}
      <Link to="/ospitalita/autorizzazioni">{t('home.shelters.openAuthorisations')}</Link>
    </HomeSection>
  );
}

function ProposalTasks() {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const query = useProposals('in_attesa');
  const items = [...(query.data?.items ?? [])].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  if (!query.error && !items.length) return null;
  return (
    <HomeSection id="home-shelters-proposals" title={t('home.shelters.proposals.title')} testId="home-shelters-proposals" query={query}>
      <p>{t('home.shelters.proposals.intro')}</p>
      <ul>
        {items.slice(0, SHOWN).map((p) => (
          <li key={p.id}>
            <Link to={`/ospitalita/proposte/${p.id}`}>{t('home.shelters.request', { code: p.need.code })}</Link>
            {` — ${p.structure.name} — ${labels.label('urgency', p.need.urgency)} — `}
            {t('home.shelters.household', { count: p.need.adults + p.need.children.length })}
            {` — ${t('home.shelters.sentAt', { at: formatDateTime(p.sentAt, labels.lang) })}`}
          </li>
        ))}
      </ul>
      {query.data && query.data.total > SHOWN ? <p>{t('home.shelters.more', { count: query.data.total - SHOWN })}</p> : null}
      <Link to="/ospitalita/proposte">{t('home.shelters.openProposals')}</Link>
    </HomeSection>
  );
}
