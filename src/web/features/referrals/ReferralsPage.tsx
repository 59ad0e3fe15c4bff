import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { referralStates } from '../../../shared/referrals';
import type { KeepFocus } from '../../ui/PageHeading';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { pageParam } from '../../ui/Pagination';
import { Tabs } from '../../ui/Tabs';
import { formatInstant } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { useReferralList } from './referrals.api';
import { isReferralCode, useReferralLabels } from './referrals.labels';
import type { Box, ReferralItem, ReferralList } from './referrals.types';
import { StateBadge } from './ReferralParts';
import './referrals.css';

const PAGE_SIZE = 20;

/** The address's words: `/invii?elenco=inviati&stato=in_attesa&urgenza=urgente&scopo=alloggio&pagina=2`. */
const boxSlugs: Record<Box, string> = { inbox: 'ricevuti', outbox: 'inviati' };
const params = { box: 'elenco', state: 'stato', urgency: 'urgenza', purpose: 'scopo', page: 'pagina' } as const;

interface Filters {
  state: string;
  urgency: string;
  purpose: string;
}

function filtersOf(search: URLSearchParams): Filters {
  return { state: search.get(params.state) ?? '', urgency: search.get(params.urgency) ?? '', purpose: search.get(params.purpose) ?? '' };
}

/**
 * Invii: the referrals her organisation received (to answer) and
 * those it sent, with the filters and the page in the address, and the
 * number in each state. A received one shows only what the server gives
 * before it is accepted: never her identity nor a section's content.
 */
export function ReferralsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const box: Box = search.get(params.box) === boxSlugs.outbox ? 'outbox' : 'inbox';
  const page = pageParam(search.get(params.page));
  const filters = filtersOf(search);
  const query = {
    page,
    pageSize: PAGE_SIZE,
    state: isReferralCode('state', filters.state) ? filters.state : undefined,
    urgency: isReferralCode('urgency', filters.urgency) ? filters.urgency : undefined,
    purpose: isReferralCode('purpose', filters.purpose) ? filters.purpose : undefined,
  };
  const list = useReferralList(box, query);

  /** Another list, filter or page: the address changes, the focus stays where she is. */
  const go = (next: URLSearchParams) => setSearch(next, { state: { keepFocus: true } satisfies KeepFocus });
  const withFilters = (values: Filters, from: URLSearchParams = search) => {
    const next = new URLSearchParams();
    if (from.get(params.box)) next.set(params.box, from.get(params.box)!);
    if (values.state) next.set(params.state, values.state);
    if (values.urgency) next.set(params.urgency, values.urgency);
    if (values.purpose) next.set(params.purpose, values.purpose);
    return next;
  };
  const onBox = (b: Box) => go(new URLSearchParams(b === 'inbox' ? {} : { [params.box]: boxSlugs[b] }));
  const onPage = (p: number) => {
    const next = new URLSearchParams(search);
    next.set(params.page, String(p));
    go(next);
  };

  return (
    <>
      <PageHeading>{t('referrals.page.title')}</PageHeading>
      <p>{t('referrals.page.intro')}</p>
      <Tabs
        id="referrals"
        label={t('referrals.page.boxes')}
        items={[
          { key: 'inbox', label: t('referrals.page.inbox') },
          { key: 'outbox', label: t('referrals.page.outbox') },
        ]}
        selected={box}
        onSelect={onBox}
      >
        <p className="mt-3">{t(`referrals.page.${box}Intro`)}</p>
        <StateCounts counts={list.data?.counts} active={filters.state} linkTo={(state) => withFilters({ ...filters, state })} />
        <ReferralFilters key={search.toString()} initial={filters} onApply={(values) => go(withFilters(values))} />
        <PagedResults
          query={list}
          page={page}
          pageSize={PAGE_SIZE}
          count={(total) => t('referrals.page.count', { count: total })}
          pagesLabel={t('referrals.page.pages')}
          onPage={onPage}
        >
          {(items) => <ReferralsTable items={items} box={box} />}
        </PagedResults>
      </Tabs>
    </>
  );
}

/** The number in each state (with the other filters applied); each a link that filters the list by it. */
function StateCounts({ counts, active, linkTo }: { counts: ReferralList['counts'] | undefined; active: string; linkTo: (state: string) => URLSearchParams }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  if (!counts) return null;
  return (
    <nav aria-label={t('referrals.page.counts')}>
      <ul className="referral-counts" data-testid="referral-counts">
        <li>
          <Link to={`?${linkTo('').toString()}`} state={{ keepFocus: true } satisfies KeepFocus} aria-current={active === '' ? 'true' : undefined} className="btn btn-sm btn-outline-primary">
            {t('referrals.page.allStates', { count: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0) })}
          </Link>
        </li>
        {referralStates.map((s) => (
          <li key={s}>
            <Link to={`?${linkTo(s).toString()}`} state={{ keepFocus: true } satisfies KeepFocus} aria-current={active === s ? 'true' : undefined} className="btn btn-sm btn-outline-primary">
              {t('referrals.page.stateCount', { state: labels.label('state', s), count: counts[s] ?? 0 })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** State, urgency and purpose, applied with a button (each read of a list is audited). */
function ReferralFilters({ initial, onApply }: { initial: Filters; onApply: (values: Filters) => void }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const [form, setForm] = useState(initial);
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply(form);
  };
  return (
    <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-end mb-2" aria-label={t('referrals.page.filters')}>
      <div className="col-12 col-md-4">
        <SelectField id="referrals-state" label={t('referrals.fields.state')} placeholder={t('referrals.page.any')} options={labels.options('state')} value={form.state} onChange={set('state')} />
      </div>
      <div className="col-12 col-md-4">
        <SelectField id="referrals-urgency" label={t('referrals.fields.urgency')} placeholder={t('referrals.page.any')} options={labels.options('urgency')} value={form.urgency} onChange={set('urgency')} />
      </div>
      <div className="col-12 col-md-4">
        <SelectField id="referrals-purpose" label={t('referrals.fields.purpose')} placeholder={t('referrals.page.any')} options={labels.options('purpose')} value={form.purpose} onChange={set('purpose')} />
      </div>
      <div className="col-12 mb-4 d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary">
          {t('referrals.page.apply')}
        </button>
        {initial.state || initial.urgency || initial.purpose ? (
          <button type="button" className="btn btn-outline-primary" onClick={() => onApply({ state: '', urgency: '', purpose: '' })}>
            {t('referrals.page.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ReferralsTable({ items, box }: { items: ReferralItem[]; box: Box }) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const caseLabels = useCaseLabels();
  const action = (r: ReferralItem) => (box === 'inbox' && r.state === 'in_attesa' ? t('referrals.page.answer') : t('referrals.page.details'));
  return (
    <DataTable caption={t(`referrals.page.caption.${box}`)}>
      <thead>
        <tr>
          <th scope="col">{t('referrals.fields.referredAt')}</th>
          <th scope="col">{box === 'inbox' ? t('referrals.fields.from') : t('referrals.fields.to')}</th>
          <th scope="col">{t('referrals.fields.case')}</th>
          <th scope="col">{t('referrals.fields.purpose')}</th>
          <th scope="col">{t('referrals.fields.urgency')}</th>
          <th scope="col">{t('referrals.fields.sections')}</th>
          <th scope="col">{t('referrals.fields.state')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => {
          const other = box === 'inbox' ? r.from.name : r.to.name;
          return (
            <tr key={r.id} data-testid="referral-row">
              <td className="text-nowrap">{formatInstant(r.referredAt, labels.lang)}</td>
              <td>{other}</td>
              <td>
                <span className="case-code">{r.case.code}</span>
              </td>
              <td>{labels.label('purpose', r.purpose)}</td>
              <td className={r.urgency === 'ordinaria' ? undefined : 'referral-urgent'}>{labels.label('urgency', r.urgency)}</td>
              <td>{r.sections.map((s) => caseLabels.label('section', s)).join(', ')}</td>
              <td>
                <StateBadge state={r.state} />
              </td>
              <td>
                <Link to={`/invii/${r.id}`} aria-label={t('referrals.page.open', { action: action(r), code: r.case.code, name: other })}>
                  {action(r)}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
