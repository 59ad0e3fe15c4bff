/**
 * The typed catalogue of audited actions. An action not listed here cannot
 * be written. Each entry says what it records; none records data values.
 */
export const auditActions = {
  'auth.login': 'password step of a login (success or failure)',
  'auth.mfa': 'second-factor verification',
  'auth.mfa_enrol': 'second factor enrolled',
  'auth.logout': 'session ended by the user',
  'auth.password_change': 'she changed her password (her other sessions end)',
  'auth.session_expired': 'session ended by idle or absolute timeout',
  'auth.organisation_select': 'the organisation a user acts for',
  'auth.me': 'a user read her own account',
  'access.denied': 'a request refused by the access policy',
  'organisation.create': 'organisation created',
  'organisation.update': 'organisation changed',
  'network.create': 'network created',
  'user.list': 'list of accounts read',
  'user.read': 'one account read',
  'user.create': 'account created',
  'user.update': 'account changed (name, disabled)',
  'user.mfa_reset': 'second factor reset by an administrator',
  'membership.set': 'role in an organisation granted or changed',
  'membership.remove': 'role in an organisation removed',
  'audit.read': 'audit log browsed',
  'keys.rotate': 'master key rotated (data keys re-wrapped)',
  'demo.load': 'demo network loaded',
  'directory.network_update': 'network territory or 1522 referent changed',
  'directory.organisation_update': 'organisation profile changed (directory)',
  'directory.sportello_create': 'sportello created',
  'directory.sportello_update': 'sportello changed',
  'directory.sportello_delete': 'sportello removed',
  'directory.sportello_read_secret': "a secret sportello's location read by its own staff",
  'directory.import': 'directory file imported (counts in purpose, never values)',
  'directory.export': "network map exported (format in purpose)",
  'directory.history_read': 'directory change history browsed',
  'routing.transfer_lookup': '1522 routing answer given for a comune (reserved transfer number)',
  'routing.call_record': '1522 call outcome recorded (no personal data)',
  'routing.calls_summary': '1522 quarterly call counts read or exported',
  'routing.token_create': 'API token for the helpline software created',
  'routing.token_revoke': 'API token revoked',
} as const;

export type AuditAction = keyof typeof auditActions;
