import { definePolicy } from '../../access/policy.js';
import { intakeRecipientTypes, intakeSenderTypes } from '../../../shared/intake.api.js';

/**
 * Inbound referrals (docs/intake.md). Sending is for the staff of the
 * organisations that meet her first — emergency rooms, health services,
 * police, social services — and for the 1522 helpline, which holds no case
 * data and gets none by sending. Receiving is for a CAV's own staff (never a
 * CUAV's: rule 6). The kind of organisation she acts for is part of the
 * rule, so a CAV operator has no "send" and a police operator no inbox.
 */
export const intakePolicy = definePolicy({
  'intake.send': { roles: ['organisation_head', 'operator', 'social_worker', 'helpline_operator'], organisationTypes: intakeSenderTypes },
  'intake.receive': { roles: ['organisation_head', 'operator'], organisationTypes: intakeRecipientTypes },
});
