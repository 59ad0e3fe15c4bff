import { authPolicy } from './access/auth.policy.js';
import type { PolicyTable } from './access/policy.js';
import { auditPolicy } from './audit/audit.policy.js';
import { accountsPolicy } from './modules/accounts/index.js';
import { casesPolicy } from './modules/cases/index.js';
import { notificationsPolicy } from './modules/notifications/index.js';
import { directoryPolicy } from './modules/directory/index.js';
import { organisationsPolicy } from './modules/organisations/index.js';
import { jobsAdminPolicy } from './modules/instance/index.js';
import { riskPolicy } from './modules/risk/index.js';
import { reviewsPolicy } from './modules/reviews/index.js';
import { referralStatsPolicy, referralsPolicy } from './modules/referrals/index.js';
import { intakePolicy } from './modules/intake/index.js';
import { routingPolicy } from './modules/routing/index.js';
import { sheltersPolicy } from './modules/shelters/index.js';
import { autonomyPolicy } from './modules/autonomy/index.js';
import { redditoPolicy } from './modules/autonomy/index.js';

/** Every module's declarative policy table, merged. An action not here is denied. */
export const policy: PolicyTable = {
  ...authPolicy,
  ...auditPolicy,
  ...organisationsPolicy,
  ...accountsPolicy,
  ...directoryPolicy,
  ...routingPolicy,
  ...casesPolicy,
  ...jobsAdminPolicy,
  ...notificationsPolicy,
  ...riskPolicy,
  ...reviewsPolicy,
  ...referralsPolicy,
  ...referralStatsPolicy,
  ...intakePolicy,
  ...sheltersPolicy,
  ...autonomyPolicy,
  ...redditoPolicy,
};
