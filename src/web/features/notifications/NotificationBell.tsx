import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { unreadKey, useUnreadCount } from './notifications.api';
import './notifications.css';

/** How often the bell may look for news while she is working. */
const REFRESH_MS = 60_000;

/**
 * The bell in the header: her unread notifications, linking to the centre.
 * It reads the count on every page she opens and, in between, once a
 * minute only if she has typed or clicked since its last read: every
 * request keeps a session alive on the server, and a bell that polled an
 * unattended screen would defeat the idle timeout.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { pathname } = useLocation();
  const count = useUnreadCount(true);
  const lastInput = useRef(0);
  const lastRead = useRef(0);

  useEffect(() => {
    const noteInput = () => (lastInput.current = Date.now());
    document.addEventListener('keydown', noteInput, true);
    document.addEventListener('pointerdown', noteInput, true);
    const timer = setInterval(() => {
      if (lastInput.current <= lastRead.current) return;
      lastRead.current = Date.now();
      void client.invalidateQueries({ queryKey: unreadKey });
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
      document.removeEventListener('keydown', noteInput, true);
      document.removeEventListener('pointerdown', noteInput, true);
    };
  }, [client]);

  // A page she opens is her presence: the count is read again.
  useEffect(() => {
    lastRead.current = Date.now();
    void client.invalidateQueries({ queryKey: unreadKey });
  }, [client, pathname]);

  const unread = count.data?.unread ?? 0;
  return (
    <Link to="/notifiche" className="notification-bell d-inline-flex align-items-center gap-1" aria-label={t('notifications.bell', { count: unread })} data-unread={unread}>
      <svg className="icon icon-sm" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread > 0 ? <span className="notification-bell-count">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
