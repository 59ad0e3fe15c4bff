import { useCallback, useState } from 'react';

/**
 * One write at a time from a page's buttons: `pending` while it runs (to
 * disable them), its error kept for the page's ProblemAlert until the next
 * write starts.
 */
export function useRun(): { pending: boolean; error: unknown; run: (work: () => Promise<unknown>) => void } {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback((work: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    work()
      .catch((e: unknown) => setError(e))
      .finally(() => setPending(false));
  }, []);
  return { pending, error, run };
}
