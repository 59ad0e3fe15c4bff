import { Button } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { lastServerContact, reauthenticate, setReauthenticator } from '../api/reauth';
import { forgetSession, storeMe } from '../api/session';
import type { Me } from '../api/types';
import { ReauthDialog } from '../features/auth/ReauthDialog';

/** Warn this long before the idle timeout (WCAG 2.2.1: time to ask for more). */
const WARN_MS = 2 * 60_000;
/** The server notes a session's use at most every half minute: count from that much earlier. */
const SERVER_LAG_MS = 30_000;
const TICK_MS = 5_000;

interface Waiting {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Keeps a signed-in session from ending under her hands. Near the idle
 * timeout it is kept if she has typed or clicked since the server last saw
 * her (a long interview note), and otherwise a warning offers "Resta
 * collegata"; once it has ended, the page is hidden under a dialog to sign
 * in again in place (requests refused meanwhile wait for it and are sent
 * again). Nothing is kept in the browser's storage.
 */
export function SessionKeeper({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [now, setNow] = useState(Date.now);
  const lastInput = useRef(0);
  const idleMs = me.sessionIdleSeconds * 1000;
  const stay = () => api.get('/api/auth/me').then(() => setNow(Date.now()), () => undefined);

  useEffect(() => {
    setReauthenticator(() => new Promise<void>((resolve, reject) => setWaiting({ resolve, reject })));
    return () => setReauthenticator(null);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    // Typing a long note talks to nobody: her keys and clicks are what says she is there.
    const noteInput = () => (lastInput.current = Date.now());
    document.addEventListener('keydown', noteInput, true);
    document.addEventListener('pointerdown', noteInput, true);
    return () => {
      clearInterval(timer);
      document.removeEventListener('keydown', noteInput, true);
      document.removeEventListener('pointerdown', noteInput, true);
    };
  }, []);

  const left = lastServerContact() + idleMs - SERVER_LAG_MS - now;
  useEffect(() => {
    if (waiting) return;
    // Read here, not in render: a ref is not state (each tick re-runs this).
    const activeSinceContact = lastInput.current > lastServerContact();
    // Gone while she was away: hide the page now, not at her next click.
    if (left <= 0) void reauthenticate().catch(() => undefined);
    // Near the end while she is at work on the page: keep the session, do not interrupt her.
    else if (left <= WARN_MS && activeSinceContact) void stay();
  }, [left, waiting]);

  const resumed = (fresh: Me) => {
    storeMe(client, fresh);
    setNow(Date.now());
    waiting?.resolve();
    setWaiting(null);
  };
  const leave = () => {
    waiting?.reject(new Error('left'));
    setWaiting(null);
    forgetSession(client);
    void navigate('/login', { replace: true });
  };

  if (waiting) return <ReauthDialog me={me} onResumed={resumed} onLeave={leave} />;
  if (left > WARN_MS || left <= 0) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return (
    <div className="session-warning alert alert-warning shadow d-flex flex-wrap align-items-center gap-3" role="alertdialog" aria-labelledby="session-warning-text">
      <p id="session-warning-text" className="mb-0">
        {t('session.warning.text', { count: minutes })}
      </p>
      <Button color="primary" size="sm" onClick={() => void stay()}>
        {t('session.warning.stay')}
      </Button>
    </div>
  );
}
