import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { setSessionNotice } from '../../api/notice';
import { forgetSession } from '../../api/session';
import { logout } from './auth.api';

/**
 * Ends the session on the server, then forgets everything locally. Local
 * data is dropped even if the server call fails (offline, already expired):
 * she asked to leave, the screen must not keep showing records.
 */
export function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setSessionNotice(null);
      forgetSession(client);
      void navigate('/login', { replace: true });
    },
  });
}
