import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { notificationKinds } from '../../../shared/notifications.api';
import { currentLanguage } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';
import { SelectField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { PagedResults } from '../../ui/PagedResults';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { type Notification, type NotificationFilters, type NotificationKind, markAllRead, markRead, notificationsKey, useNotifications } from './notifications.api';
import { notificationHref } from './notifications.link';
import './notifications.css';

const PAGE_SIZE = 25;
const isKind = (v: string | null): v is NotificationKind => (notificationKinds as readonly string[]).includes(v ?? '');

/**
 * Her notification centre: what waits for her action, newest first,
 * unread by default; each one opens what it is about. The filters live in
 * the address. Only her own notifications, and only those about what she
 * may still open, ever reach this page.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const filters: NotificationFilters = {
    status: params.get('stato') === 'tutte' ? 'all' : 'unread',
    kind: isKind(params.get('tipo')) ? (params.get('tipo') as NotificationKind) : '',
    page: Math.max(1, Number(params.get('pagina')) || 1),
  };
  const query = useNotifications(filters, PAGE_SIZE);
  const refresh = () => client.invalidateQueries({ queryKey: notificationsKey });
  const all = useMutation({
    mutationFn: () => markAllRead(filters.kind),
    onSuccess: (r) => {
      announce(t('notifications.markedAll', { count: r.marked }));
      return refresh();
    },
  });
  const apply = (next: Partial<NotificationFilters>) => {
    const f = { ...filters, page: 1, ...next };
    const out: Record<string, string> = {};
    if (f.status === 'all') out.stato = 'tutte';
    if (f.kind) out.tipo = f.kind;
    if (f.page > 1) out.pagina = String(f.page);
    setParams(out);
  };
  const unreadShown = (query.data?.items ?? []).some((n) => !n.readAt);

  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p>{t('notifications.intro')}</p>
      <Filters key={`${filters.status}-${filters.kind}`} filters={filters} onApply={apply} />
      <ProblemAlert error={all.error} />
      {unreadShown ? (
        <p>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => all.mutate()} disabled={all.isPending}>
            {t('notifications.markAllRead')}
          </button>
        </p>
      ) : null}
      <PagedResults
        query={query}
        page={filters.page}
        pageSize={PAGE_SIZE}
        count={(count) => t(filters.status === 'all' ? 'notifications.countAll' : 'notifications.countUnread', { count })}
        pagesLabel={t('notifications.pages')}
        onPage={(page) => apply({ page })}
      >
        {(items) => (
          <ul className="list-unstyled">
            {items.map((n) => (
              <NotificationItem key={n.id} n={n} onRead={refresh} />
            ))}
          </ul>
        )}
      </PagedResults>
      <p className="mt-5">
        <Link to="/notifiche/preferenze">{t('notifications.preferences.link')}</Link>
      </p>
    </>
  );
}

function Filters({ filters, onApply }: { filters: NotificationFilters; onApply: (f: Partial<NotificationFilters>) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(filters.status);
  const [kind, setKind] = useState<string>(filters.kind);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply({ status: status === 'all' ? 'all' : 'unread', kind: isKind(kind) ? kind : '' });
  };
  return (
    <form role="search" noValidate onSubmit={onSubmit} className="row g-3 align-items-end mb-3" aria-label={t('notifications.filters')}>
      <div className="col-12 col-md-4">
        <SelectField
          id="notifications-status"
          label={t('notifications.status')}
          options={[
            { value: 'unread', label: t('notifications.statuses.unread') },
            { value: 'all', label: t('notifications.statuses.all') },
          ]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
        />
      </div>
      <div className="col-12 col-md-4">
        <SelectField
          id="notifications-kind"
          label={t('notifications.kind')}
          placeholder={t('notifications.allKinds')}
          options={notificationKinds.map((k) => ({ value: k, label: t(`notifications.kindNames.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
        />
      </div>
      <div className="col-12 col-md-4 mb-4">
        <button type="submit" className="btn btn-primary">
          {t('notifications.apply')}
        </button>
      </div>
    </form>
  );
}

/** One notification: what happened (in words from its code), when, and the way to what needs her. */
function NotificationItem({ n, onRead }: { n: Notification; onRead: () => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const href = notificationHref(n);
  const read = useMutation({ mutationFn: () => markRead(n.id), onSuccess: onRead });
  // Opening it marks it read; the page opens even if the mark failed (it stays unread).
  const open = (e: React.MouseEvent) => {
    if (n.readAt || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    void markRead(n.id)
      .then(onRead, () => undefined)
      .finally(() => navigate(href));
  };
  // A `decision` parameter picks the sentence (i18next context: `…_autorizzata`, `…_rifiutata`): never a raw code in the text.
  const said = t(`notifications.kinds.${n.kind}`, { ...n.params, context: n.params.decision, code: n.target.type === 'case' || n.target.type === 'referral' ? (n.target.caseCode ?? undefined) : undefined });
  // A shelters' notice names which one: the placement request's code, or a stay's reference (never a name; older notices carry neither); an autonomy project's, its reference.
  const which = n.params.requestCode
    ? t('notifications.shelterRequest', { code: n.params.requestCode })
    : n.params.stayReference
      ? t('notifications.shelterStay', { reference: n.params.stayReference })
      : n.params.projectReference
        ? t('notifications.autonomyProject', { reference: n.params.projectReference })
        : null;
  const text = which ? `${said} — ${which}` : said;
  return (
    <li className={`notification-item card-wrapper mb-3 ps-3 py-2 ${n.readAt ? '' : 'unread'}`}>
      <p className="mb-1">
        {n.readAt ? null : <span className="badge bg-primary me-2">{t('notifications.unreadBadge')}</span>}
        <Link to={href} onClick={open} className="fw-semibold">
          {text}
        </Link>
      </p>
      <p className="small mb-1">{formatDateTime(n.createdAt, currentLanguage())}</p>
      {n.readAt ? null : (
        <button type="button" className="btn btn-link btn-sm p-0" onClick={() => read.mutate()} disabled={read.isPending}>
          {t('notifications.markRead')}
          <span className="visually-hidden">: {text}</span>
        </button>
      )}
      <ProblemAlert error={read.error} />
    </li>
  );
}
