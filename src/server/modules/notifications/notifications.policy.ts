import { definePolicy } from '../../access/policy.js';

/**
 * Her own notifications and her own e-mail preference: any signed-in
 * account (second factor done), whatever her role — what she reads is only
 * what was addressed to her, filtered by the choke point of what it points
 * to. Nobody reads or sets another person's.
 */
export const notificationsPolicy = definePolicy({
  'notification.own': { roles: [], anyAuthenticated: true },
});
