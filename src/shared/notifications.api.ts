import { z } from 'zod';
import { caseSections } from './cases.js';
import { email } from './fields.js';

/**
 * The notification centre's API, shared by the server and the web. A
 * notification is a kind code and code-like parameters, never a sentence:
 * the web words it (i18n, it and en), so nothing personal can be stored in
 * it, logged with it or e-mailed by it. What it points to is a target the
 * web turns into a link; the case code shown beside it is read from the
 * case when the list is read (and only if she may still open the case).
 */

/** What happened, as a code the web translates (`notifications.kinds.<kind>`). */
export const notificationKinds = [
  /** She was added to a case's team (she can now open it). */
  'case_team_added',
  /** The case's owner handed the coordination of its plan and team to her organisation (docs/cases.md, "Coordination"). */
  'case_coordination_received',
  /** The coordination her organisation held went back to the case's owner. */
  'case_coordination_ended',
  /** A new action of a case's plan is given to her organisation by another one (she is on the team for it). */
  'plan_action_assigned',
  /** The morning reminders (a daily job): a report's legal deadline falls due today (`deadline`: hearing, prosecutor, judge; on a minor's case minor_report, minor_referral: docs/minors.md). */
  'deadline_due',
  /** A plan review falls due today. */
  'review_due',
  /** A plan action her organisation owns falls due today (`type`: the action's type code). */
  'action_due',
  /** The pathway has just gone the stale period without a contact. */
  'pathway_stale',
  /** An assessment set the case's risk to elevato or imminente from a lower level or none (`level`: the final level). */
  'risk_high',
  /** A risk re-assessment falls due today (`reason`: interval or event). */
  'reassessment_due',
  /** The morning reminders: the review of the case's safety plan falls due today (docs/safety-plan.md; no content of the plan). */
  'safety_plan_review_due',
  /** The morning reminders: a step of the case's Reddito di libertà application has waited REDDITO_LIBERTA_STEP_DAYS (`step`: the step's code; docs/autonomy.md). */
  'reddito_step_due',
  /** An inbound referral arrived at her CAV (docs/intake.md): no case yet, nothing of the woman in it (`urgency`). */
  'intake_received',
  /** The CAV she sent a woman to opened a pathway for her (the sender's status only). */
  'intake_taken',
  /** The CAV she sent a woman to declined (`reason`: the decline's code). */
  'intake_declined',
  /** An action decided at a multi-agency case review is given to her organisation (no case named: the review's page shows it). */
  'review_action_assigned',
  /** Referrals between organisations (docs/referrals.md). To the recipient's staff who may answer, naming no case: one arrived; */
  'referral_received',
  /** …the sender withdrew it; */
  'referral_withdrawn',
  /** …it was annulled: her consent it rested on was revoked (nothing of the case is named: they never held it); */
  'referral_annulled',
  /** …it still waits for their answer (`hours`: REFERRAL_REMIND_HOURS). */
  'referral_waiting',
  /** To the sender's case team, with the case's code: accepted; */
  'referral_accepted',
  /** …declined (`reason`: the decline's code); */
  'referral_declined',
  /** …still unanswered (`hours`); */
  'referral_unanswered',
  /** …expired without an answer (REFERRAL_EXPIRE_DAYS). */
  'referral_expired',
  /**
   * Her place on a case's team, held on a sharing consent (a share, or an
   * accepted referral), ended: the consent was revoked. No case named, no
   * code (she can no longer open it): it points to the referral that brought
   * her organisation, if any, else to her caseload.
   */
  'case_share_ended',
  /**
   * Shelters (docs/shelters.md): naming no case, no structure's address,
   * no person. To the competent social service: a stay waits for its
   * agreement or authorisation;
   */
  'shelter_authorisation_requested',
  /** …an emergency admission's authorisation is due soon (`hours` left); */
  'shelter_authorisation_due',
  /** To the requester or the structure: the social service answered (`decision`: autorizzata, rifiutata); */
  'shelter_authorisation_decided',
  /** To the structure's staff and the network coordinator(s): an emergency admission was not authorised (she is not put out by software); */
  'shelter_authorisation_refused',
  /** To the network coordinator(s): an emergency admission's authorisation is overdue (`hours`: the deadline). */
  'shelter_authorisation_overdue',
  /** Placement requests (docs/shelters.md): to a structure's staff, a request was put to one of their structures; */
  'shelter_proposal_received',
  /** …the requester took it back (a hold released); */
  'shelter_proposal_withdrawn',
  /** To the requesting organisation's staff: the structure accepted (places held); */
  'shelter_proposal_accepted',
  /** …declined (`reason`: the decline's code); */
  'shelter_proposal_declined',
  /** …the hold expired before an admission (the request is open again). */
  'shelter_hold_expired',
  /**
   * Autonomy projects' approval chain (docs/autonomy.md): the next actor is
   * told, with the project's reference (`projectReference`: the first 8 hex
   * digits of its id, upper case), never a goal, a name or — to the équipe
   * and the capofila, who never held the case — a case code. To the staff of
   * the équipe's member organisations who may validate: a project was proposed;
   */
  'autonomy_project_proposed',
  /** …to the capofila's approvers (its head, the network coordinator): a project was validated; */
  'autonomy_project_validated',
  /** …to the proposing team, on the case's plan: it was sent back (`reason`: the move's reason code; `by`: equipe or capofila); */
  'autonomy_project_returned',
  /** …to the proposing team: it was approved. */
  'autonomy_project_approved',
  /** The morning reminders: a follow-up check of a concluded project falls due (`months`: 6, 12, 24), to the team that coordinated it. */
  'autonomy_follow_up_due',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A case's tabs a notification may open (the web's `?scheda=` names). */
export const notificationCaseTabs = ['summary', 'profile', 'children', 'timeline', 'plan', 'consents', 'documents', 'team', 'authors', 'risk', 'minor'] as const;

/**
 * Parameters are codes only (lower-case letters, digits, `_`): an action
 * type, a section name — or a shelters' reference that names no one: a
 * placement request's random code (`OSP-2026-7KQ2ZD`) or a stay's reference
 * (the first 8 hex digits of its id, upper case), an autonomy project's
 * reference (the same shape). Never a name, a comune, a free text: the shape refuses anything that could carry one.
 */
export const notificationParamValue = /^(?:[a-z0-9_]{1,40}|OSP-\d{4}-[A-Z0-9]{6}|[0-9A-F]{8})$/;
export const notificationParams = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/), z.string().regex(notificationParamValue)).default({});

/** What a notification links to, as the server stores it (ids and codes). */
export const notificationTarget = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('case'),
    caseId: z.uuid(),
    tab: z.enum(notificationCaseTabs).optional(),
    /** The case section it tells of: shown only to a reader the choke point grants it (none: the case alone decides). */
    section: z.enum(caseSections).optional(),
  }),
  /** A multi-agency case review (docs/reviews.md): the review's page decides what she sees there. */
  z.object({ type: z.literal('review'), reviewId: z.uuid() }),
  /**
   * A referral (docs/referrals.md). With the case (the sender's side): shown
   * only while the case's choke point lets her open it. Without (the
   * recipient's side, who holds nothing of the case before accepting): shown
   * while she acts for the organisation it was sent to.
   */
  z.object({ type: z.literal('referral'), referralId: z.uuid(), caseId: z.uuid().optional() }),
  /** An inbound referral (docs/intake.md): the CAV's inbox or the sender's sent list, whose page decides what she sees. */
  z.object({ type: z.literal('intake'), box: z.enum(['inbox', 'sent']) }),
  /** Her caseload, naming no case (a share of a case that ended: `case_share_ended` with no referral behind it). */
  z.object({ type: z.literal('caseload') }),
  /** The shelters' pages (docs/shelters.md): the authorisations inbox, the stays, the requests or the proposals inbox, whose page decides what she sees. */
  z.object({ type: z.literal('shelter'), box: z.enum(['autorizzazioni', 'permanenze', 'richieste', 'proposte']) }),
  /** The autonomy projects awaiting her organisation (docs/autonomy.md): the inbox decides what she sees there. */
  z.object({ type: z.literal('autonomy'), box: z.enum(['progetti']) }),
]);
export type NotificationTarget = z.infer<typeof notificationTarget>;

export const notificationStatuses = ['unread', 'all'] as const;

export const notificationsQuery = z.object({
  status: z.enum(notificationStatuses).default('unread'),
  kind: z.enum(notificationKinds).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** The target as the list shows it: a case's pseudonymous code is added (never her name). */
export const notificationTargetOut = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case'), caseId: z.uuid(), caseCode: z.string(), tab: z.enum(notificationCaseTabs).nullable() }),
  z.object({ type: z.literal('review'), reviewId: z.uuid() }),
  /** The case (its id and code) only on the sender's side, whose case it is; null on the recipient's. */
  z.object({ type: z.literal('referral'), referralId: z.uuid(), caseId: z.uuid().nullable(), caseCode: z.string().nullable() }),
  z.object({ type: z.literal('intake'), box: z.enum(['inbox', 'sent']) }),
  z.object({ type: z.literal('caseload') }),
  z.object({ type: z.literal('shelter'), box: z.enum(['autorizzazioni', 'permanenze', 'richieste', 'proposte']) }),
  z.object({ type: z.literal('autonomy'), box: z.enum(['progetti']) }),
]);

export const notificationOut = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  params: z.record(z.string(), z.string()),
  target: notificationTargetOut,
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const notificationsOut = z.object({
  items: z.array(notificationOut),
  total: z.number().int(),
});

/** The bell's number: what she has not read yet, among what she may still open. */
export const unreadCountOut = z.object({ unread: z.number().int() });

export const markedOut = z.object({ marked: z.number().int() });

/** How she wants to hear of new notifications by e-mail: her own choice, never a right someone grants. */
export const emailFrequencies = ['none', 'immediate', 'daily'] as const;

/** Her e-mail preference; the address is hers to give (staff accounts carry none otherwise). */
export const notificationPreferences = z
  .object({
    frequency: z.enum(emailFrequencies),
    // An empty field is no address (the web's form sends what the field holds).
    email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), email.nullable()),
  })
  .refine((p) => p.frequency === 'none' || p.email !== null, { path: ['email'], error: 'required' });

export const notificationPreferencesOut = z.object({
  frequency: z.enum(emailFrequencies),
  email: z.string().nullable(),
  /** False when the instance has no SMTP server configured: e-mails are off for everyone. */
  emailAvailable: z.boolean(),
});
