import { useSyncExternalStore } from 'react';

/**
 * A one-shot message for the login page ("your session has expired"),
 * set when any request finds the session gone. Kept outside React state
 * because it is set from TanStack Query's global error handlers.
 */
let notice: string | null = null;
const listeners = new Set<() => void>();

export function setSessionNotice(message: string | null): void {
  notice = message;
  for (const l of listeners) l();
}

export function useSessionNotice(): string | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => notice,
  );
}
