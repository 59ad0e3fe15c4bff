import { definePolicy } from '../../access/policy.js';

/**
 * Autonomy (issue 14, docs/autonomy.md). The coarse rule of each action;
 * which programme, project or application — and which side of it (the
 * case's team through the cases' choke point, an équipe member, the
 * capofila, a partner, the network coordinator) — is decided per row in
 * the services. Outside that, 404. The instance administrator holds none.
 */

const staff = ['organisation_head', 'operator', 'social_worker', 'network_coordinator'] as const;

export const autonomyPolicy = definePolicy({
  /** A programme's frame, partners, budgets, équipes and results: its capofila, partners, équipe members and the network's coordinator. */
  'autonomy.programme.read': { roles: staff },
  /** Create and edit a programme (frame, partners, budgets, équipes, results): the coordinator of its network. */
  'autonomy.programme.manage': { roles: ['network_coordinator'] },
  /** Refer a woman to a programme's équipe, and withdraw the referral: the staff of her case's team. */
  'autonomy.intake.write': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** Admit or not a referred woman: the staff of the équipe's member organisations. */
  'autonomy.intake.decide': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** Read projects: the case's team (by section), the équipe and the capofila (the approval view). */
  'autonomy.project.read': { roles: staff },
  /** Write a project (content, budget, actions, expenses, follow-ups) and propose, start, conclude or interrupt it: the case's team. */
  'autonomy.project.write': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** Validate or send back a proposed project: the équipe's member organisations' staff. */
  'autonomy.project.validate': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** Approve or send back a validated project that spends programme money: the capofila's head or coordinator. */
  'autonomy.project.approve': { roles: ['organisation_head', 'network_coordinator'] },
  /** The Reddito di libertà checklist of a case: its team. */
  'autonomy.reddito.read': { roles: ['organisation_head', 'operator', 'social_worker'] },
  'autonomy.reddito.write': { roles: ['organisation_head', 'operator', 'social_worker'] },
  /** The capofila's regional funds (docs/autonomy.md, "Regional funds"): the capofila's whole year, or a partner's own application, allocation and rendicontazione. */
  'autonomy.funds.read': { roles: ['organisation_head', 'operator', 'network_coordinator'] },
  /** Open a year, its contribution, co-financing, governance costs, call, review, plan, checking the rendicontazione, the report: the capofila's head or the network coordinator. */
  'autonomy.funds.manage': { roles: ['organisation_head', 'network_coordinator'] },
  /** A partner's own application and expenses (the capofila may record an application too); submitting the rendicontazione is its head's (decided in the service). */
  'autonomy.funds.write': { roles: ['organisation_head', 'operator', 'network_coordinator'] },
});
