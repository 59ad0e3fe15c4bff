import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isSessionEnded } from '../api/client';
import { setSessionNotice } from '../api/notice';
import { forgetSession } from '../api/session';

/**
 * One QueryClient for the app. Any request that finds the session gone
 * (idle timeout, logout in another tab) clears the cached person and data;
 * the route guard then sends her to the login page with the server's message.
 */
export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (!isSessionEnded(err)) return;
    setSessionNotice(err.code === 'session_expired' ? err.problem.title : null);
    forgetSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Client errors will not get better by retrying; network blips may.
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
