import { definePolicy } from './policy.js';

/** The login steps and her own account: any signed-in person, whatever her role. */
export const authPolicy = definePolicy({
  'auth.mfa': { roles: [], beforeMfa: true, anyAuthenticated: true },
  'auth.logout': { roles: [], beforeMfa: true, anyAuthenticated: true, duringPasswordChange: true },
  'auth.me': { roles: [], anyAuthenticated: true, duringPasswordChange: true },
  'auth.organisation': { roles: [], anyAuthenticated: true, duringPasswordChange: true },
  'auth.password': { roles: [], anyAuthenticated: true, duringPasswordChange: true },
});
