import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { createApiToken } from '../../src/server/access/tokens.js';
import { callLog } from '../../src/server/modules/routing/index.js';
import { inboundReferrals } from '../../src/server/modules/intake/index.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { organisations as fundsOrganisations } from '../../src/server/modules/organisations/index.js';
import { fundsYears as fundsYearsTable } from '../../src/server/modules/autonomy/index.js';
import { autonomyBudgets, autonomyEquipeMembers, autonomyEquipes, autonomyFollowUps, autonomyPartners, autonomyProgrammes } from '../../src/server/modules/autonomy/index.js';
import { FRAME as AUTONOMY_FRAME } from '../api/autonomy-projects.world.js';
import { createSportello } from '../support/directory.js';
import { insertStructure } from '../support/shelters-requests.js';
import { lia2Frame, lia2Programme } from '../../src/shared/autonomy.frames.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import exampleInstrument from '../../src/shared/risk-instruments/example.json' with { type: 'json' };
import { type Agent, agentFromCookie, createUser, createWorld, login, loginPassword, type World } from '../support/world.js';

/**
 * The role × endpoint matrix: what each role gets on every protected
 * endpoint, asked about a record inside her scope (so a 403 comes from the
 * policy, never from the scope). Written by hand from the policy's intent —
 * not derived from src/server/*.policy.ts — so a policy change that breaks
 * the intent fails here.
 *
 * admin: instance admin (no organisation); coord: network coordinator of the
 * capofila; head/op/sw/help/anal: head, operator, social worker, helpline
 * operator, observatory analyst of CAV A; anon: no session; pwd: a session
 * that did only the password step.
 */
const ACTORS = ['admin', 'coord', 'head', 'op', 'sw', 'help', 'anal', 'anon', 'pwd'] as const;
type Actor = (typeof ACTORS)[number];

// prettier-ignore
const MATRIX: [endpoint: string, action: string, ...expected: number[]][] = [
  //                                                                   admin coord head  op   sw  help anal anon  pwd
  ['GET /api/organisations',                          'organisation.read',   200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['POST /api/organisations',                         'organisation.manage', 201, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/organisations/:id',                      'organisation.read',   200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['PATCH /api/organisations/:id',                    'organisation.manage', 200, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/networks',                               'network.read',        200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['POST /api/networks',                              'network.manage',      201, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/users',                                  'user.read',           200, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/users',                                 'user.manage',         201, 403, 201, 403, 403, 403, 403, 401, 401],
  ['GET /api/users/:id',                              'user.read',           200, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/users/:id',                            'user.manage',         200, 403, 200, 403, 403, 403, 403, 401, 401],
  ['PUT /api/users/:id/memberships/:organisationId',  'user.manage',         200, 403, 200, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/users/:id/memberships/:organisationId', 'user.manage',       204, 403, 204, 403, 403, 403, 403, 401, 401],
  ['POST /api/users/:id/mfa-reset',                   'user.manage',         204, 403, 204, 403, 403, 403, 403, 401, 401],
  ['POST /api/users/:id/password-reset',              'user.manage',         200, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/audit',                                  'audit.read',          200, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/admin/jobs/dead-letters',                'jobs.dead_letters',   200, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/audit/:id',                              'audit.read',          200, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/audit/chain',                            'audit.chain',         200, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/routing/transfer',                       'routing.transfer',    403, 403, 403, 403, 403, 200, 403, 401, 401],
  ['POST /api/routing/calls',                         'routing.call_record', 403, 403, 403, 403, 403, 201, 403, 401, 401],
  ['DELETE /api/routing/calls/:id',                   'routing.call_record', 403, 403, 403, 403, 403, 204, 403, 401, 401],
  ['GET /api/routing/calls/summary',                  'routing.calls_summary', 200, 200, 403, 403, 403, 403, 200, 401, 401],
  ['GET /api/routing/calls/export',                   'routing.calls_summary', 200, 200, 403, 403, 403, 403, 200, 401, 401],
  ['GET /api/routing/tokens',                         'routing.tokens',      200, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/routing/tokens/accounts',                'routing.tokens',      200, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/routing/tokens',                        'routing.tokens',      201, 403, 403, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/routing/tokens/:id',                  'routing.tokens',      204, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/networks',                     'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/directory/networks/:id',                 'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['PATCH /api/directory/networks/:id',               'directory.network_manage', 200, 200, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/organisations',                'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/directory/organisations/:id',            'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['PATCH /api/directory/organisations/:id',          'directory.manage',        200, 200, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/sportelli',                    'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/directory/sportelli/:id',                'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['POST /api/directory/sportelli',                   'directory.manage',        201, 201, 201, 403, 403, 403, 403, 401, 401],
  ['PATCH /api/directory/sportelli/:id',              'directory.manage',        200, 200, 200, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/directory/sportelli/:id',             'directory.manage',        204, 204, 204, 403, 403, 403, 403, 401, 401],
  ['POST /api/directory/hours/preview',               'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/directory/standards',                    'directory.standards',     200, 200, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/standards/findings',           'directory.standards',     200, 200, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/history',                      'directory.history',       200, 200, 200, 403, 403, 403, 403, 401, 401],
  ['POST /api/directory/import',                      'directory.import',        200, 200, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/directory/export',                       'directory.export',        200, 200, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/comuni',                                 'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/comuni/boundaries',                      'directory.read',          200, 200, 200, 200, 200, 200, 200, 401, 401],
  ['GET /api/cases',                                  'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases',                                 'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/cases/search',                          'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id',                              'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/cases/:id',                            'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/stage',                       'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/reopen',                      'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/team',                         'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/cases/:id/team/candidates',              'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/cases/:id/access-log',                   'case.access_log',   403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['POST /api/cases/:id/team',                        'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/cases/:id/team/:userId',              'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  // Coordination (docs/cases.md): the owning organisation's head hands it over; the coordinating organisation's members staff their own share.
  ['GET /api/cases/:id/coordination',                 'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['PUT /api/cases/:id/coordination',                 'case.team',         403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/cases/:id/coordination/team',            'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/coordination/team',           'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['DELETE /api/cases/:id/coordination/team/:userId',  'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/break-glass',                 'case.break_glass',  403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/cases/:id/consents',                     'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/consents',                    'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/cases/:id/consents/:partId/revoke',     'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/events',                       'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/events',                      'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/cases/:id/children',                     'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/children',                    'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/cases/:id/children/:partId',             'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/authors',                      'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/authors',                     'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/cases/:id/authors/:partId',              'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],  ['GET /api/cases/tasks',                            'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/workload',                         'case.workload',     403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/cases/:id/plan',                         'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/plan/goals',                  'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/cases/:id/plan/goals/:partId',           'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/plan/actions',                'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/cases/:id/plan/actions/:partId',         'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/plan/reviews',                'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/cases/:id/safety-plan',                  'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PUT /api/cases/:id/safety-plan',                  'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  // A minor's pathway (docs/minors.md): the section, and a child opened as a case of her own.
  ['GET /api/cases/:id/minor',                        'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PUT /api/cases/:id/minor',                        'case.write',        403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/children/:partId/open-case',  'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/cases/:id/meetings',                    'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],  ['GET /api/cases/:id/documents',                    'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/documents',                   'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/cases/:id/documents/:documentId',        'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/sheet.pdf',                    'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/risk',                         'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/cases/:id/risk/assessments',             'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/risk/assessments',            'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/risk/instruments',                       'risk.instruments_read',   200, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/risk/instrument-format',                 'risk.instruments_read',   200, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/risk/instruments/:id',                   'risk.instruments_read',   200, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/networks/:id/risk-instruments',         'risk.instruments_manage', 201, 201, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/risk/instruments/:id/retire',           'risk.instruments_manage', 204, 204, 403, 403, 403, 403, 403, 401, 401],
  // Inbound referrals: sending is for ER, health, police, social services and 1522 (no actor here acts for one); the inbox is the CAV's head and operators.
  ['GET /api/intake/recipients',                      'intake.send',       403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/intake/sent',                           'intake.send',       403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/intake/sent',                            'intake.send',       403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/intake/inbox',                           'intake.receive',    403, 403, 200, 200, 403, 403, 403, 401, 401],
  ['GET /api/intake/inbox/:id',                       'intake.receive',    403, 403, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/intake/inbox/:id/attempts',             'intake.receive',    403, 403, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/intake/inbox/:id/decline',              'intake.receive',    403, 403, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/intake/inbox/:id/case',                 'intake.receive',    403, 403, 201, 201, 403, 403, 403, 401, 401],
  // Referral counters: an organisation's head her own; the coordinator those of the network her organisation leads.
  ['GET /api/referrals/stats',                        'referral.stats',    403, 403, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/referrals/stats/network',                'referral.network_stats', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  // Personalised autonomy projects (docs/autonomy.md, "Projects"): the case's team refers, drafts, plans, proposes and spends;
  // CAV A is also a member of the équipe here (its staff decide intakes); the capofila's coordinator approves a validated
  // project and sees it once proposed; the coordinator holds no case (404 on the case's list).
  ['POST /api/autonomy/intakes',                      'autonomy.intake.write',     403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/autonomy/intakes',                       'autonomy.intake.decide',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/intakes/:id/decision',         'autonomy.intake.decide',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/intakes/:id/withdraw',         'autonomy.intake.write',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/projects',                     'autonomy.project.write',    403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/cases/:id/autonomy-projects',            'autonomy.project.read',     403, 404, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/inbox',                         'autonomy.project.read',     403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/projects/:id',                  'autonomy.project.read',     403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/autonomy/projects/:id',                'autonomy.project.write',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PUT /api/autonomy/projects/:id/budget',           'autonomy.project.write',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/projects/:id/moves',           'autonomy.project.read',     403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/projects/:id/expenses',        'autonomy.project.write',    403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/autonomy/projects/:id/expenses/:expenseId/moves', 'autonomy.project.write', 403, 403, 200, 200, 200, 403, 403, 401, 401],
  // A project's actions, follow-ups and printed form; a programme's group work (docs/autonomy.md): the team writes; the capofila's
  // coordinator reads the actions in the approval view (no details) and gets 404 on the follow-ups and the PDF (the team's own).
  ['GET /api/autonomy/projects/:id/actions',          'autonomy.project.read',     403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/projects/:id/actions',         'autonomy.project.write',    403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PATCH /api/autonomy/projects/:id/actions/:actionId', 'autonomy.project.write', 403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/projects/:id/follow-ups',       'autonomy.project.read',     403, 404, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/follow-ups/:id',               'autonomy.project.write',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/programmes/:id/follow-ups',     'autonomy.programme.read',   403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/projects/:id.pdf',              'autonomy.project.read',     403, 404, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/autonomy/programmes/:id/activities',     'autonomy.programme.read',   403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/programmes/:id/activities',    'autonomy.programme.read',   403, 201, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/autonomy/activities/:id/sessions',      'autonomy.programme.read',   403, 201, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/autonomy/activities/:id/participants',  'autonomy.project.write',    403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/autonomy/activities/:id/participants/:participantId/attendance', 'autonomy.project.write', 403, 403, 200, 200, 200, 403, 403, 401, 401],
  // Referrals between organisations (docs/referrals.md): the case team refers; her organisation's staff read and answer.
  // CAV A's staff answer referrals the shelter sent to CAV A.
  ['GET /api/cases/:id/referrals',                    'case.read',         403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/referrals',                   'case.write',        403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/referrals/inbox',                        'referral.read',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/referrals/outbox',                       'referral.read',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/referrals/inbox/count',                  'referral.read',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/referrals/:id',                          'referral.read',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/referrals/:id/accept',                  'referral.decide',   403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/referrals/:id/decline',                 'referral.decide',   403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/referrals/:id/withdraw',                'referral.decide',   403, 403, 200, 200, 200, 403, 403, 401, 401],
  // Placement requests (docs/shelters.md): the requesting organisation's staff and the coordinator write and read their own
  // organisation's requests (each actor's own: created by her); a proposal is read and answered by a structure's staff only —
  // no actor here acts for a housing organisation: reading one answers 404 (not theirs), answering 403.
  ['POST /api/shelters/requests',                     'shelter.request.write', 403, 201, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/shelters/requests',                      'shelter.request.read',  403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/requests/:id',                  'shelter.request.read',  403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/shelters/requests/:id',                'shelter.request.write', 403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/shelters/requests/:id/close',           'shelter.request.write', 403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/requests/:id/matches',          'shelter.request.write', 403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/shelters/requests/:id/proposals',       'shelter.request.write', 403, 201, 201, 201, 201, 403, 403, 401, 401],
  ['POST /api/shelters/proposals/:id/withdraw',       'shelter.request.write', 403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/proposals',                     'shelter.request.read',  403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/proposals/:id',                 'shelter.request.read',  403, 404, 404, 404, 404, 403, 403, 401, 401],
  ['POST /api/shelters/proposals/:id/accept',         'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/proposals/:id/decline',        'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/stats/requests',                'shelter.stats.read',    403, 200, 403, 403, 403, 403, 200, 401, 401],
  // The stays' yearly counts: the readers of the request counts (their networks' structures) and a housing organisation's staff (its own; no actor here).
  ['GET /api/shelters/stats/stays',                   'shelter.stats.stays',   403, 200, 403, 403, 403, 403, 200, 401, 401],
  // Stays (docs/shelters.md): admitting, exit and move are the structure's staff's (no actor here: 403); stays are read by the
  // structure, the social service that agreed them and the payer (CAV A's staff: an empty list, another's stay 404); the
  // requester asks the agreement (her own request); the inbox is a social service's or a coordinator's; fees for payers,
  // social services and coordinators.
  ['POST /api/shelters/stays',                        'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/stays/emergency',              'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/stays',                         'shelter.stay.read',     403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/stays/:id',                     'shelter.stay.read',     403, 403, 404, 404, 404, 403, 403, 401, 401],
  // The printed stay record: the detail's own decision (another's or an unknown stay 404).
  ['GET /api/shelters/stays/:id/record.pdf',          'shelter.stay.read',     403, 403, 404, 404, 404, 403, 403, 401, 401],
  ['POST /api/shelters/stays/:id/exit',               'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/stays/:id/move',               'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/stays/:id/moves',               'shelter.stay.write',    403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/fees',                          'shelter.fees.export',   403, 200, 200, 403, 200, 403, 403, 401, 401],
  ['GET /api/shelters/fees.xlsx',                     'shelter.fees.export',   403, 200, 200, 403, 200, 403, 403, 401, 401],
  ['POST /api/shelters/authorisations',               'shelter.request.write', 403, 201, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/shelters/authorisations',                'shelter.request.read',  403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/shelters/authorisations/:id',            'shelter.request.read',  403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/shelters/authorisations/:id/decide',    'shelter.authorisation.decide', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  // Multi-agency reviews (docs/reviews.md): staff of participant organisations; the coordinator calls them; the chair's head manages too.
  ['GET /api/reviews',                                'review.read',       403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/reviews/networks',                       'review.read',       403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['GET /api/reviews/tasks',                          'review.read',       403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/reviews',                               'review.create',     403, 201, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/reviews/:id',                            'review.read',       403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/reviews/:id',                          'review.manage',     403, 200, 200, 403, 403, 403, 403, 401, 401],
  ['POST /api/reviews/:id/items',                     'review.bring',      403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['PUT /api/reviews/:id/items/:itemId',              'review.bring',      403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['DELETE /api/reviews/:id/items/:itemId',           'review.bring',      403, 403, 204, 204, 204, 403, 403, 401, 401],
  ['POST /api/reviews/:id/actions',                   'review.manage',     403, 201, 201, 403, 403, 403, 403, 401, 401],
  ['PATCH /api/reviews/:id/actions/:actionId',        'review.write',      403, 200, 200, 200, 200, 403, 403, 401, 401],
  // Shelters (docs/shelters.md): structures are the housing organisation's own (no actor here acts for one: 403 for all);
  // the vacancy board is for the requesting organisations' staff and the coordinator.
  ['GET /api/shelters/structures',                    'shelter.structure.read',   403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures',                   'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/structures/:id',                'shelter.structure.read',   403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['PATCH /api/shelters/structures/:id',              'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/shelters/structures/:id/networks',       'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures/:id/deactivate',    'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures/:id/reactivate',    'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures/:id/units',         'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['PATCH /api/shelters/structures/:id/units/:unitId', 'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures/:id/units/:unitId/places', 'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['PATCH /api/shelters/structures/:id/places/:placeId', 'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/shelters/structures/:id/places/:placeId/service', 'shelter.structure.manage', 403, 403, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/shelters/board',                         'shelter.board.read',       403, 200, 200, 200, 200, 403, 403, 401, 401],
  // Reddito di libertà (docs/autonomy.md): the case's team holding the plan; the counts for the network's coordinator.
  ['GET /api/cases/:id/reddito-liberta',              'autonomy.reddito.read',    403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['PUT /api/cases/:id/reddito-liberta',              'autonomy.reddito.write',   403, 403, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/cases/:id/reddito-liberta',             'autonomy.reddito.write',   403, 403, 201, 201, 201, 403, 403, 401, 401],
  ['GET /api/autonomy/reddito/stats',                 'autonomy.reddito.stats',   403, 200, 403, 403, 403, 403, 403, 401, 401],
  // Autonomy programmes (docs/autonomy.md, "Programmes"): the network's coordinator creates and edits them; the staff of
  // its capofila, partners (CAV A here) and équipe members read them and their summary.
  ['GET /api/autonomy/programmes',                    'autonomy.programme.read',   403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['POST /api/autonomy/programmes',                   'autonomy.programme.manage', 403, 201, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/autonomy/programmes/:id',                'autonomy.programme.read',   403, 200, 200, 200, 200, 403, 403, 401, 401],
  ['PATCH /api/autonomy/programmes/:id',              'autonomy.programme.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/autonomy/programmes/:id/partners',       'autonomy.programme.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/autonomy/programmes/:id/budgets',        'autonomy.programme.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/autonomy/programmes/:id/equipes',        'autonomy.programme.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/autonomy/programmes/:id/results',        'autonomy.programme.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/autonomy/programmes/:id/summary',        'autonomy.programme.read',   403, 200, 200, 200, 200, 403, 403, 401, 401],
  // The capofila's regional funds (docs/autonomy.md, "Regional funds"): the capofila's head and the network coordinator manage
  // the year; a partner's head and operators (CAV A: registered in the Albo) write its own application and expenses; only its head submits.
  ['GET /api/autonomy/funds/years',                   'autonomy.funds.read',     403, 200, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years',                  'autonomy.funds.manage',   403, 201, 403, 403, 403, 403, 403, 401, 401],
  ['GET /api/autonomy/funds/years/:id',               'autonomy.funds.read',     403, 200, 200, 200, 403, 403, 403, 401, 401],
  ['PATCH /api/autonomy/funds/years/:id',             'autonomy.funds.manage',   403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/cofinancing',  'autonomy.funds.manage',   403, 201, 403, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/autonomy/funds/years/:id/cofinancing/:entryId', 'autonomy.funds.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/governance',   'autonomy.funds.manage',   403, 201, 403, 403, 403, 403, 403, 401, 401],
  ['DELETE /api/autonomy/funds/years/:id/governance/:entryId', 'autonomy.funds.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/applications', 'autonomy.funds.write',    403, 201, 201, 201, 403, 403, 403, 401, 401],
  ['PATCH /api/autonomy/funds/years/:id/applications/:applicationId', 'autonomy.funds.write', 403, 200, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/applications/:applicationId/review', 'autonomy.funds.manage', 403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['PUT /api/autonomy/funds/years/:id/plan',          'autonomy.funds.manage',   403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/plan/moves',   'autonomy.funds.manage',   403, 200, 403, 403, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/allocations/:allocationId/expenses', 'autonomy.funds.write', 403, 403, 201, 201, 403, 403, 403, 401, 401],
  ['DELETE /api/autonomy/funds/years/:id/allocations/:allocationId/expenses/:expenseId', 'autonomy.funds.write', 403, 403, 200, 200, 403, 403, 403, 401, 401],
  ['POST /api/autonomy/funds/years/:id/allocations/:allocationId/moves', 'autonomy.funds.read', 403, 200, 200, 403, 403, 403, 403, 401, 401],
  ['GET /api/autonomy/funds/years/:id/report',        'autonomy.funds.manage',   403, 200, 403, 403, 403, 403, 403, 401, 401],
];

let t: TestApp;
let w: World;
let agents: Record<Actor, Agent>;
/** An audit row acted for CAV A (head A's second factor). */
let rowOfA: number;

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
/** A fresh colleague in CAV A: a target the request may change without disturbing other cases. */
const freshColleague = async () => (await createUser(t, { memberships: [{ organisationId: w.orgs.cavA, role: 'operator' }] })).id;

/** The current version of a directory record, for If-Match. */
const versionOf = async (url: string) => `"${(await agents.admin.request('GET', url)).body.version}"`;
/** A fresh reserved sportello of CAV A (a target a request may change or delete). */
const freshSportello = () => createSportello(t, w.orgs.cavA, { name: unique('Sportello'), visibility: 'reserved', comuneCode: '016024' });


/**
 * A fresh case of CAV A opened by its operator, with the head and the social
 * worker on its team: inside the scope of all three.
 */
/** A case of the team (freshCase) with her consent to share its work and housing section with the shelter, for a stay. */
const referableCase = async () => {
  const caseId = await freshCase();
  const ledger = await agents.op.request('POST', `/api/cases/${caseId}/consents`, {
    purpose: 'condivisione',
    recipientOrganisationId: w.orgs.shelter,
    sections: ['work_housing'],
    referralPurposes: ['ospitalita'],
    givenOn: '2026-01-10',
    form: 'scritto',
  });
  return { caseId, consentId: (ledger.body as { id: string }[]).at(-1)!.id };
};
/** A referral CAV A's operator sent to the shelter, pending (version 1). */
const freshReferral = async () => {
  const { caseId, consentId } = await referableCase();
  const sent = await agents.op.request('POST', `/api/cases/${caseId}/referrals`, { consentId, purpose: 'ospitalita', urgency: 'ordinaria', sections: ['work_housing'] });
  return sent.body.id as string;
};
/** A referral the shelter's operator sent to CAV A (her case, her consent to share its work and housing section), pending. */
let shelterOperator: Agent | null = null;
const referralToCavA = async () => {
  shelterOperator ??= await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] }));
  const caseId = (await shelterOperator.request('POST', '/api/cases', { contactOn: '2026-01-10' })).body.id as string;
  const ledger = await shelterOperator.request('POST', `/api/cases/${caseId}/consents`, {
    purpose: 'condivisione',
    recipientOrganisationId: w.orgs.cavA,
    sections: ['work_housing'],
    referralPurposes: ['presa_in_carico'],
    givenOn: '2026-01-10',
    form: 'scritto',
  });
  const consentId = (ledger.body as { id: string }[]).at(-1)!.id;
  const sent = await shelterOperator.request('POST', `/api/cases/${caseId}/referrals`, { consentId, purpose: 'presa_in_carico', urgency: 'ordinaria', sections: ['work_housing'] });
  return sent.body.id as string;
};
/**
 * A case of the shelter whose coordination its head handed to CAV A: CAV A's
 * operator accepted its referral (timeline and plan), then added the head
 * and the social worker as colleagues — inside the scope of all three.
 */
let shelterHead: Agent | null = null;
const coordinatedCase = async () => {
  shelterOperator ??= await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }] }));
  shelterHead ??= await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'organisation_head' }] }));
  const caseId = (await shelterOperator.request('POST', '/api/cases', { contactOn: '2026-01-10' })).body.id as string;
  const ledger = await shelterOperator.request('POST', `/api/cases/${caseId}/consents`, {
    purpose: 'condivisione',
    recipientOrganisationId: w.orgs.cavA,
    sections: ['timeline', 'plan'],
    referralPurposes: ['presa_in_carico'],
    givenOn: '2026-01-10',
    form: 'scritto',
  });
  const consentId = (ledger.body as { id: string }[]).at(-1)!.id;
  const sent = await shelterOperator.request('POST', `/api/cases/${caseId}/referrals`, { consentId, purpose: 'presa_in_carico', urgency: 'ordinaria', sections: ['timeline', 'plan'] });
  await agents.op.request('POST', `/api/referrals/${sent.body.id}/accept`, undefined, { 'if-match': '"1"' });
  await shelterHead.request('PUT', `/api/cases/${caseId}/coordination`, { organisationId: w.orgs.cavA }, { 'if-match': '"1"' });
  for (const u of [w.users.headA, w.users.socialWorkerA]) await agents.op.request('POST', `/api/cases/${caseId}/coordination/team`, { userId: u.id });
  return caseId;
};
const freshCase = async (closed = false) => {
  // The head opens it (and so is on its team: she never joins a team by herself), then staffs it.
  const created = await agents.head.request('POST', '/api/cases', { contactOn: '2026-01-10' });
  const id = created.body.id as string;
  await agents.head.request('POST', `/api/cases/${id}/team`, { userId: w.users.operatorA.id });
  await agents.head.request('POST', `/api/cases/${id}/team`, { userId: w.users.socialWorkerA.id });
  if (closed) await agents.op.request('POST', `/api/cases/${id}/stage`, { stage: 'concluso', on: '2026-02-01', outcome: 'abbandono' }, { 'if-match': '"1"' });
  return id;
};
const casePart = async (part: 'consents' | 'children' | 'authors', body: unknown) => {
  const id = await freshCase();
  const res = await agents.op.request('POST', `/api/cases/${id}/${part}`, body);
  return { id, partId: (Array.isArray(res.body) ? res.body[0].id : res.body.id) as string };
};

/** A programme of the world's network on the L.I.A. 2 frame, created by its coordinator, CAV A a partner: its id (version 2). */
const programmeBody = () => ({ ...lia2Programme, name: unique('Programma'), networkId: w.network, totalCents: 1_000_000, frame: lia2Frame });
const freshProgramme = async () => {
  const id = (await agents.coord.request('POST', '/api/autonomy/programmes', programmeBody())).body.id as string;
  await agents.coord.request('PUT', `/api/autonomy/programmes/${id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA] }, { 'if-match': '"1"' });
  return id;
};

/**
 * A funds year of the world's network opened by its coordinator (CAV A registered in the Albo), at the stage asked:
 * `bozza` (version 1), with CAV A's application (version 2), or the plan sent to the Region with CAV A's allocation
 * (version 4; `spent`: CAV A's head recorded an expense; `submitted`: and submitted the rendicontazione).
 */
let fundsYearNumber = 2000;
const fundsYear = async (stage: 'bozza' | 'application' | 'sent' | 'spent' | 'submitted' = 'bozza') => {
  await t.db.update(fundsOrganisations).set({ alboStatus: 'iscritta' }).where(eq(fundsOrganisations.id, w.orgs.cavA));
  const base = '/api/autonomy/funds/years';
  // Inserted (its year far from those the POST route opens): the row the coordinator's POST would write.
  const [row] = await t.db.insert(fundsYearsTable).values({ networkId: w.network, capofilaOrganisationId: w.orgs.capofila, year: 3000 + ++fundsYearNumber, contributionCents: 1_000_000 }).returning();
  let y: any = { id: row!.id, version: 1 };
  const id = y.id as string;
  if (stage === 'application') y = (await agents.coord.request('POST', `${base}/${id}/applications`, { organisationId: w.orgs.cavA, requestedCents: 100_000, submittedOn: '2026-02-01' })).body;
  if (stage !== 'bozza' && stage !== 'application') {
    y = (await agents.coord.request('PUT', `${base}/${id}/plan`, { allocations: [{ organisationId: w.orgs.cavA, amountCents: 100_000 }] }, { 'if-match': `"${y.version}"` })).body;
    y = (await agents.coord.request('POST', `${base}/${id}/plan/moves`, { move: 'condividi', on: '2026-03-01' }, { 'if-match': `"${y.version}"` })).body;
    y = (await agents.coord.request('POST', `${base}/${id}/plan/moves`, { move: 'invia', on: '2026-03-02', protocol: 'P-1' }, { 'if-match': `"${y.version}"` })).body;
  }
  const allocationId = y.allocations?.[0]?.id as string | undefined;
  if (stage === 'spent' || stage === 'submitted')
    y = (await agents.head.request('POST', `${base}/${id}/allocations/${allocationId}/expenses`, { category: 'personale', amountCents: 1_000, spentOn: '2026-04-01', documentRef: 'F-1' })).body;
  if (stage === 'submitted') y = (await agents.head.request('POST', `${base}/${id}/allocations/${allocationId}/moves`, { move: 'presenta', on: '2026-06-30' }, { 'if-match': `"${y.allocations[0].version}"` })).body;
  return { id, version: y.version as number, url: `${base}/${id}`, allocationId, allocation: y.allocations?.[0], application: y.applications?.[0] };
};

/** A fresh version of the example risk instrument, loaded into the world's network by the instance admin. */
let instrumentVersion = 0;
const riskInstrument = () => ({ ...(exampleInstrument as object), version: ++instrumentVersion });
const freshInstrument = async () => (await agents.admin.request('POST', `/api/networks/${w.network}/risk-instruments`, riskInstrument())).body.id as string;

/** An inbound referral to CAV A, as the intake service writes one (her contact sealed with CAV A's key). */
const freshInbound = async () => {
  const id = crypto.randomUUID();
  const contactSealed = await t.ctx.crypto.encrypt(t.db, w.orgs.cavA, JSON.stringify({ phone: '333 1234567', noMessages: false }), `inbound_referral.contact:${id}`);
  await t.db.insert(inboundReferrals).values({
    id, reference: unique('R26'), senderOrganisationId: w.orgs.capofila, recipientOrganisationId: w.orgs.cavA, source: 'accesso_ps', urgency: 'ordinaria',
    comuneCode: '016024', consentChannel: 'telefono', consentGivenOn: '2026-01-10', consentForm: 'orale', contactSealed,
  });
  return id;
};

/** A fresh review of the world's network, called by the coordinator, chaired by CAV A (its head manages it), CAV A taking part. */
const freshReview = async () =>
  (await agents.coord.request('POST', '/api/reviews', { networkId: w.network, heldOn: '2026-02-01', mode: 'online', chairOrganisationId: w.orgs.cavA, participantOrganisationIds: [w.orgs.cavA] })).body.id as string;
const reviewBasis = { basis: 'tutela_vita', legalBasis: 'interessi_vitali', reason: 'Motivo di prova.', brief: 'Sintesi di prova.' };
/** A fresh case of CAV A on a fresh review, brought by its head. */
const reviewItem = async () => {
  const reviewId = await freshReview();
  const item = await agents.head.request('POST', `/api/reviews/${reviewId}/items`, { caseId: await freshCase(), ...reviewBasis });
  return { reviewId, itemId: item.body.id as string };
};

const caseGoal = async () => {
  const id = await freshCase();
  const goal = await agents.op.request('POST', `/api/cases/${id}/plan/goals`, { area: 'lavoro' });
  return { id, goalId: goal.body.id as string };
};

/**
 * A programme of the world's network inserted with the projects' test frame (made once): the capofila runs it, CAV A is a
 * partner with a share of every axis and the member of its équipe (autonomy projects).
 */
let autonomyFixture: { programmeId: string; equipeId: string } | null = null;
const autonomyProgramme = async () => {
  if (autonomyFixture) return autonomyFixture;
  const [programme] = await t.db
    .insert(autonomyProgrammes)
    .values({ networkId: w.network, capofilaOrganisationId: w.orgs.capofila, name: unique('Programma'), startsOn: '2025-01-01', endsOn: '2027-12-31', totalCents: 10_000_000, frame: AUTONOMY_FRAME, state: 'attivo' })
    .returning();
  await t.db.insert(autonomyPartners).values([{ programmeId: programme!.id, organisationId: w.orgs.capofila, role: 'capofila' }, { programmeId: programme!.id, organisationId: w.orgs.cavA, role: 'partner' }]);
  await t.db.insert(autonomyBudgets).values(['II', 'III', 'IV'].map((axisCode) => ({ programmeId: programme!.id, axisCode, organisationId: w.orgs.cavA, amountCents: 10_000_000 })));
  const [equipe] = await t.db.insert(autonomyEquipes).values({ programmeId: programme!.id, name: unique('Ambito') }).returning();
  await t.db.insert(autonomyEquipeMembers).values({ equipeId: equipe!.id, organisationId: w.orgs.cavA });
  return (autonomyFixture = { programmeId: programme!.id, equipeId: equipe!.id });
};
/** A fresh case of the team referred to the programme's équipe by its operator (version 1). */
const autonomyIntake = async () => {
  const f = await autonomyProgramme();
  return (await agents.op.request('POST', '/api/autonomy/intakes', { ...f, caseId: await freshCase() })).body as { id: string; version: number };
};
/** A fresh draft project of a fresh case, then taken along the chain to `until` by the team, the équipe (CAV A) and the coordinator. */
const autonomyProject = async (until: 'bozza' | 'proposta' | 'validata' | 'approvata' = 'bozza') => {
  const f = await autonomyProgramme();
  let p = (await agents.op.request('POST', '/api/autonomy/projects', { ...f, caseId: await freshCase(), areas: ['lavoro'], goals: 'Obiettivi.' })).body as { id: string; version: number };
  const steps = (['proponi', 'valida', 'approva'] as const).slice(0, ['bozza', 'proposta', 'validata', 'approvata'].indexOf(until));
  for (const m of steps) p = (await agents[m === 'approva' ? 'coord' : 'op'].request('POST', `/api/autonomy/projects/${p.id}/moves`, { move: m }, { 'if-match': `"${p.version}"` })).body;
  return p;
};
const autonomyExpense = { categoryCode: 'tirocinio', amountCents: 100, committedOn: '2026-01-10' };
const autonomyAction = { details: { kind: 'formazione', provider: 'Ente di formazione', hours: 40 } };
/** A fresh empowerment workshop of a fresh programme (the coordinator's). */
const workshop = async () => (await agents.coord.request('POST', `/api/autonomy/programmes/${await freshProgramme()}/activities`, { kind: 'laboratorio_empowerment', title: 'Laboratorio' })).body.id as string;

/** The concrete request of each endpoint, on a record inside CAV A (in every actor's scope). */
/** A placement request of the actor's own organisation (CAV A's operator's for an actor the policy refuses), and its version. */
const REQUESTERS: readonly Actor[] = ['coord', 'head', 'op', 'sw'];
const placementRequest = async (actor: Actor) =>
  (await agents[REQUESTERS.includes(actor) ? actor : 'op'].request('POST', '/api/shelters/requests', { urgency: 'urgente' })).body as { id: string; version: number };
/** A structure of the shelter serving the world's network (made once), and a proposal of the actor's request to it. */
let structureId: string | null = null;
const placementProposal = async (actor: Actor) => {
  structureId ??= (await insertStructure(t, w.orgs.shelter, { networks: [w.network] })).id;
  const r = await placementRequest(actor);
  const sent = await agents[REQUESTERS.includes(actor) ? actor : 'op'].request('POST', `/api/shelters/requests/${r.id}/proposals`, { structureId }, { 'if-match': `"${r.version}"` });
  return sent.body.openProposal as { id: string; version: number };
};

/** A competent social service for the agreement's rows (stays, docs/shelters.md). */
const socialService = async () => insertOrganisation(t.db, { name: unique('Servizio sociale'), type: 'servizio_sociale' });

const REQUESTS: Record<string, (actor: Actor) => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }>> = {
  'GET /api/organisations': async () => ({ url: '/api/organisations' }),
  'POST /api/organisations': async () => ({ url: '/api/organisations', body: { name: unique('Centro'), type: 'cav' } }),
  'GET /api/organisations/:id': async () => ({ url: `/api/organisations/${w.orgs.cavA}` }),
  'PATCH /api/organisations/:id': async () => ({ url: `/api/organisations/${w.orgs.cavA}`, body: { type: 'cav' } }),
  'GET /api/networks': async () => ({ url: '/api/networks' }),
  'POST /api/networks': async () => ({ url: '/api/networks', body: { name: unique('Rete') } }),
  'GET /api/users': async () => ({ url: '/api/users' }),
  'POST /api/users': async () => ({
    url: '/api/users',
    body: { username: unique('collega'), displayName: 'Nuova Collega', organisationId: w.orgs.cavA, role: 'operator' },
  }),
  'GET /api/users/:id': async () => ({ url: `/api/users/${w.users.helpline.id}` }),
  'PATCH /api/users/:id': async () => ({ url: `/api/users/${await freshColleague()}`, body: { displayName: 'Nome Cambiato' } }),
  'PUT /api/users/:id/memberships/:organisationId': async () => ({
    url: `/api/users/${await freshColleague()}/memberships/${w.orgs.cavA}`,
    body: { role: 'organisation_head' },
  }),
  'DELETE /api/users/:id/memberships/:organisationId': async () => ({ url: `/api/users/${await freshColleague()}/memberships/${w.orgs.cavA}` }),
  'POST /api/users/:id/mfa-reset': async () => ({ url: `/api/users/${await freshColleague()}/mfa-reset` }),
  'POST /api/users/:id/password-reset': async () => ({ url: `/api/users/${await freshColleague()}/password-reset` }),
  'GET /api/audit': async () => ({ url: '/api/audit' }),
  'GET /api/admin/jobs/dead-letters': async () => ({ url: '/api/admin/jobs/dead-letters' }),
  'GET /api/audit/chain': async () => ({ url: '/api/audit/chain' }),
  'GET /api/audit/:id': async () => ({ url: `/api/audit/${rowOfA}` }),
  'GET /api/routing/transfer': async () => ({ url: '/api/routing/transfer?comune=016024' }),
  'POST /api/routing/calls': async () => ({ url: '/api/routing/calls', body: { comune: '016024', outcome: 'other', language: 'it' } }),
  // A call the helpline operator recorded a moment ago (hers, so she may withdraw it).
  'DELETE /api/routing/calls/:id': async () => {
    const [row] = await t.db.insert(callLog).values({ at: new Date(), operatorUserId: w.users.helpline.id, comuneCode: '016024', outcome: 'other', language: 'it' }).returning({ id: callLog.id });
    return { url: `/api/routing/calls/${row!.id}` };
  },
  'GET /api/routing/calls/summary': async () => ({ url: '/api/routing/calls/summary?year=2026&quarter=4' }),
  'GET /api/referrals/stats': async () => ({ url: '/api/referrals/stats' }),
  'GET /api/cases/:id/referrals': async () => ({ url: `/api/cases/${(await referableCase()).caseId}/referrals` }),
  'POST /api/cases/:id/referrals': async () => {
    const { caseId, consentId } = await referableCase();
    return { url: `/api/cases/${caseId}/referrals`, body: { consentId, purpose: 'ospitalita', urgency: 'ordinaria', sections: ['work_housing'] } };
  },
  'GET /api/referrals/inbox': async () => ({ url: '/api/referrals/inbox' }),
  'GET /api/referrals/outbox': async () => ({ url: '/api/referrals/outbox' }),
  'GET /api/referrals/inbox/count': async () => ({ url: '/api/referrals/inbox/count' }),
  'GET /api/referrals/:id': async () => ({ url: `/api/referrals/${await freshReferral()}` }),
  'POST /api/referrals/:id/accept': async () => ({ url: `/api/referrals/${await referralToCavA()}/accept`, headers: { 'if-match': '"1"' } }),
  'POST /api/referrals/:id/decline': async () => ({ url: `/api/referrals/${await referralToCavA()}/decline`, body: { reason: 'no_capacity' }, headers: { 'if-match': '"1"' } }),
  'POST /api/referrals/:id/withdraw': async () => ({ url: `/api/referrals/${await freshReferral()}/withdraw`, headers: { 'if-match': '"1"' } }),
  'GET /api/referrals/stats/network': async () => ({ url: `/api/referrals/stats/network?network=${w.network}` }),
  'POST /api/autonomy/intakes': async () => ({ url: '/api/autonomy/intakes', body: { ...(await autonomyProgramme()), caseId: await freshCase() } }),
  'GET /api/autonomy/intakes': async () => ({ url: '/api/autonomy/intakes?box=inbox' }),
  'POST /api/autonomy/intakes/:id/decision': async () => ({ url: `/api/autonomy/intakes/${(await autonomyIntake()).id}/decision`, body: { decision: 'ammessa' }, headers: { 'if-match': '"1"' } }),
  'POST /api/autonomy/intakes/:id/withdraw': async () => ({ url: `/api/autonomy/intakes/${(await autonomyIntake()).id}/withdraw`, headers: { 'if-match': '"1"' } }),
  'POST /api/autonomy/projects': async () => ({ url: '/api/autonomy/projects', body: { ...(await autonomyProgramme()), caseId: await freshCase(), areas: ['lavoro'], goals: 'Obiettivi.' } }),
  'GET /api/cases/:id/autonomy-projects': async () => ({ url: `/api/cases/${await freshCase()}/autonomy-projects` }),
  'GET /api/autonomy/inbox': async () => ({ url: '/api/autonomy/inbox' }),
  'GET /api/autonomy/projects/:id': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject('proposta')).id}` }),
  'PATCH /api/autonomy/projects/:id': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject()).id}`, body: { goals: 'Nuovi obiettivi.' }, headers: { 'if-match': '"1"' } }),
  'PUT /api/autonomy/projects/:id/budget': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject()).id}/budget`, body: { items: [{ categoryCode: 'tirocinio', plannedCents: 100 }] }, headers: { 'if-match': '"1"' } }),
  // Whose move it is: the team proposes its draft; the capofila's coordinator approves a validated project.
  'POST /api/autonomy/projects/:id/moves': async (actor) => {
    const p = await autonomyProject(actor === 'coord' ? 'validata' : 'bozza');
    return { url: `/api/autonomy/projects/${p.id}/moves`, body: { move: actor === 'coord' ? 'approva' : 'proponi' }, headers: { 'if-match': `"${p.version}"` } };
  },
  'POST /api/autonomy/projects/:id/expenses': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject('approvata')).id}/expenses`, body: { ...autonomyExpense, partnerOrganisationId: w.orgs.cavA } }),
  'POST /api/autonomy/projects/:id/expenses/:expenseId/moves': async () => {
    const p = await autonomyProject('approvata');
    const spent = await agents.op.request('POST', `/api/autonomy/projects/${p.id}/expenses`, { ...autonomyExpense, partnerOrganisationId: w.orgs.cavA });
    return { url: `/api/autonomy/projects/${p.id}/expenses/${spent.body.expenses[0].id}/moves`, body: { move: 'annulla' }, headers: { 'if-match': '"1"' } };
  },
  'GET /api/autonomy/projects/:id/actions': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject('proposta')).id}/actions` }),
  'POST /api/autonomy/projects/:id/actions': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject()).id}/actions`, body: autonomyAction }),
  'PATCH /api/autonomy/projects/:id/actions/:actionId': async () => {
    const p = await autonomyProject();
    const action = await agents.op.request('POST', `/api/autonomy/projects/${p.id}/actions`, autonomyAction);
    return { url: `/api/autonomy/projects/${p.id}/actions/${action.body.id}`, body: { status: 'in_corso' }, headers: { 'if-match': '"1"' } };
  },
  'GET /api/autonomy/projects/:id/follow-ups': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject('proposta')).id}/follow-ups` }),
  'POST /api/autonomy/follow-ups/:id': async () => {
    const [f] = await t.db.insert(autonomyFollowUps).values({ projectId: (await autonomyProject()).id, months: 6, dueOn: '2026-01-01' }).returning();
    return { url: `/api/autonomy/follow-ups/${f!.id}`, body: { state: 'non_consentito' }, headers: { 'if-match': '"1"' } };
  },
  'GET /api/autonomy/programmes/:id/follow-ups': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}/follow-ups` }),
  'GET /api/autonomy/projects/:id.pdf': async () => ({ url: `/api/autonomy/projects/${(await autonomyProject('proposta')).id}.pdf` }),
  'GET /api/autonomy/programmes/:id/activities': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}/activities` }),
  'POST /api/autonomy/programmes/:id/activities': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}/activities`, body: { kind: 'laboratorio_empowerment', title: 'Laboratorio' } }),
  'POST /api/autonomy/activities/:id/sessions': async () => ({ url: `/api/autonomy/activities/${await workshop()}/sessions`, body: { heldOn: '2026-02-01', facilitators: ['Psicologa'] } }),
  'POST /api/autonomy/activities/:id/participants': async () => ({ url: `/api/autonomy/activities/${await workshop()}/participants`, body: { caseId: await freshCase() } }),
  'PUT /api/autonomy/activities/:id/participants/:participantId/attendance': async () => {
    const id = await workshop();
    const joined = await agents.op.request('POST', `/api/autonomy/activities/${id}/participants`, { caseId: await freshCase() });
    return { url: `/api/autonomy/activities/${id}/participants/${joined.body.participants[0].id}/attendance`, body: { sessionIds: [] } };
  },
  'POST /api/shelters/requests': async () => ({ url: '/api/shelters/requests', body: { urgency: 'ordinaria', adults: 1 } }),
  'GET /api/shelters/requests': async () => ({ url: '/api/shelters/requests' }),
  'GET /api/shelters/requests/:id': async (actor) => ({ url: `/api/shelters/requests/${(await placementRequest(actor)).id}` }),
  'PATCH /api/shelters/requests/:id': async (actor) => {
    const r = await placementRequest(actor);
    return { url: `/api/shelters/requests/${r.id}`, body: { urgency: 'emergenza' }, headers: { 'if-match': `"${r.version}"` } };
  },
  'POST /api/shelters/requests/:id/close': async (actor) => {
    const r = await placementRequest(actor);
    return { url: `/api/shelters/requests/${r.id}/close`, body: { reason: 'ritirata' }, headers: { 'if-match': `"${r.version}"` } };
  },
  'GET /api/shelters/requests/:id/matches': async (actor) => ({ url: `/api/shelters/requests/${(await placementRequest(actor)).id}/matches` }),
  'POST /api/shelters/requests/:id/proposals': async (actor) => {
    structureId ??= (await insertStructure(t, w.orgs.shelter, { networks: [w.network] })).id;
    const r = await placementRequest(actor);
    return { url: `/api/shelters/requests/${r.id}/proposals`, body: { structureId }, headers: { 'if-match': `"${r.version}"` } };
  },
  'POST /api/shelters/proposals/:id/withdraw': async (actor) => {
    const p = await placementProposal(actor);
    return { url: `/api/shelters/proposals/${p.id}/withdraw`, headers: { 'if-match': `"${p.version}"` } };
  },
  'GET /api/shelters/proposals': async () => ({ url: '/api/shelters/proposals' }),
  'GET /api/shelters/proposals/:id': async (actor) => ({ url: `/api/shelters/proposals/${(await placementProposal(actor)).id}` }),
  'POST /api/shelters/proposals/:id/accept': async (actor) => ({ url: `/api/shelters/proposals/${(await placementProposal(actor)).id}/accept`, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/proposals/:id/decline': async (actor) => ({ url: `/api/shelters/proposals/${(await placementProposal(actor)).id}/decline`, body: { reason: 'other' }, headers: { 'if-match': '"1"' } }),
  'GET /api/shelters/stats/requests': async () => ({ url: '/api/shelters/stats/requests' }),
  'GET /api/shelters/stats/stays': async () => ({ url: '/api/shelters/stats/stays?year=2025' }),
  'POST /api/shelters/stays': async () => ({ url: '/api/shelters/stays', body: { proposalId: crypto.randomUUID(), path: 'accordo' } }),
  'POST /api/shelters/stays/emergency': async () => ({ url: '/api/shelters/stays/emergency', body: { structureId: crypto.randomUUID(), socialServiceId: crypto.randomUUID() } }),
  'GET /api/shelters/stays': async () => ({ url: '/api/shelters/stays' }),
  'GET /api/shelters/stays/:id': async () => ({ url: `/api/shelters/stays/${crypto.randomUUID()}` }),
  'GET /api/shelters/stays/:id/record.pdf': async () => ({ url: `/api/shelters/stays/${crypto.randomUUID()}/record.pdf` }),
  'POST /api/shelters/stays/:id/exit': async () => ({ url: `/api/shelters/stays/${crypto.randomUUID()}/exit`, body: { exitedOn: '2026-01-10', reason: 'altro' }, headers: { 'if-match': '"1"' } }),
  'GET /api/shelters/stays/:id/moves': async () => ({ url: `/api/shelters/stays/${crypto.randomUUID()}/moves` }),
  'POST /api/shelters/stays/:id/move': async () => ({ url: `/api/shelters/stays/${crypto.randomUUID()}/move`, body: { proposalId: crypto.randomUUID(), movedOn: '2026-01-10' }, headers: { 'if-match': '"1"' } }),
  'GET /api/shelters/fees': async () => ({ url: '/api/shelters/fees?month=2026-01' }),
  'GET /api/shelters/fees.xlsx': async () => ({ url: '/api/shelters/fees.xlsx?month=2026-01' }),
  'POST /api/shelters/authorisations': async (actor) => ({ url: '/api/shelters/authorisations', body: { requestId: (await placementRequest(actor)).id, socialServiceId: await socialService() } }),
  'GET /api/shelters/authorisations': async () => ({ url: '/api/shelters/authorisations' }),
  'GET /api/shelters/authorisations/:id': async (actor) => {
    const asked = await agents[REQUESTERS.includes(actor) ? actor : 'op'].request('POST', '/api/shelters/authorisations', { requestId: (await placementRequest(actor)).id, socialServiceId: await socialService() });
    return { url: `/api/shelters/authorisations/${asked.body.id}` };
  },
  'POST /api/shelters/authorisations/:id/decide': async () => ({ url: `/api/shelters/authorisations/${crypto.randomUUID()}/decide`, body: { decision: 'rifiuta' }, headers: { 'if-match': '"1"' } }),
  'GET /api/routing/calls/export': async () => ({ url: '/api/routing/calls/export?year=2026&quarter=4&format=csv' }),
  'GET /api/routing/tokens': async () => ({ url: '/api/routing/tokens' }),
  'GET /api/routing/tokens/accounts': async () => ({ url: '/api/routing/tokens/accounts' }),
  'POST /api/routing/tokens': async () => ({
    url: '/api/routing/tokens',
    body: { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: unique('Centralino'), validForDays: 30 },
  }),
  'DELETE /api/routing/tokens/:id': async () => {
    const { id } = await createApiToken(t.db, t.ctx.sessions, { userId: w.users.helpline.id, organisationId: w.orgs.cavA, name: unique('Token'), createdBy: w.users.admin.id, expiresAt: new Date(Date.now() + 86_400_000) });
    return { url: `/api/routing/tokens/${id}` };
  },
  'GET /api/directory/networks': async () => ({ url: '/api/directory/networks' }),
  'GET /api/directory/networks/:id': async () => ({ url: `/api/directory/networks/${w.network}` }),
  'PATCH /api/directory/networks/:id': async () => {
    const url = `/api/directory/networks/${w.network}`;
    return { url, body: { name: unique('Rete') }, headers: { 'if-match': await versionOf(url) } };
  },
  'GET /api/directory/organisations': async () => ({ url: '/api/directory/organisations' }),
  'GET /api/directory/organisations/:id': async () => ({ url: `/api/directory/organisations/${w.orgs.cavA}` }),
  'PATCH /api/directory/organisations/:id': async () => {
    const url = `/api/directory/organisations/${w.orgs.cavA}`;
    return { url, body: { legalName: unique('Associazione') }, headers: { 'if-match': await versionOf(url) } };
  },
  'GET /api/directory/sportelli': async () => ({ url: '/api/directory/sportelli' }),
  'GET /api/directory/sportelli/:id': async () => ({ url: `/api/directory/sportelli/${await freshSportello()}` }),
  'POST /api/directory/sportelli': async () => ({ url: '/api/directory/sportelli', body: { organisationId: w.orgs.cavA, name: unique('Sportello'), comuneCode: '016024' } }),
  'PATCH /api/directory/sportelli/:id': async () => ({ url: `/api/directory/sportelli/${await freshSportello()}`, body: { name: unique('Sportello') }, headers: { 'if-match': '"1"' } }),
  'DELETE /api/directory/sportelli/:id': async () => ({ url: `/api/directory/sportelli/${await freshSportello()}`, headers: { 'if-match': '"1"' } }),
  'POST /api/directory/hours/preview': async () => ({ url: '/api/directory/hours/preview', body: { openingHours: 'Mo-Fr 09:00-13:00' } }),
  'GET /api/directory/standards': async () => ({ url: '/api/directory/standards' }),
  'GET /api/directory/standards/findings': async () => ({ url: '/api/directory/standards/findings' }),
  'GET /api/directory/history': async () => ({ url: '/api/directory/history' }),
  'POST /api/directory/import': async () => ({
    url: '/api/directory/import',
    body: { format: 'trama-directory/1', sportelli: [{ externalId: unique('matrice'), organisation: `trama:${w.orgs.cavA}`, name: 'Sportello matrice', comuneCode: '016024' }] },
  }),
  'GET /api/directory/export': async () => ({ url: `/api/directory/export?network=${w.network}&kind=internal&format=json` }),
  'GET /api/comuni': async () => ({ url: '/api/comuni?q=berg' }),
  'GET /api/comuni/boundaries': async () => ({ url: '/api/comuni/boundaries?comuni=016024' }),
  'GET /api/cases': async () => ({ url: '/api/cases' }),
  'GET /api/cases/:id/documents': async () => ({ url: `/api/cases/${await freshCase()}/documents` }),
  'POST /api/cases/:id/documents': async () => ({ url: `/api/cases/${await freshCase()}/documents`, body: { kind: 'altro', name: 'nota.txt', mimeType: 'text/plain', contentBase64: Buffer.from('nota').toString('base64') } }),
  'GET /api/cases/:id/documents/:documentId': async () => {
    const id = await freshCase();
    const doc = await agents.op.request('POST', `/api/cases/${id}/documents`, { kind: 'altro', name: 'nota.txt', mimeType: 'text/plain', contentBase64: Buffer.from('nota').toString('base64') });
    return { url: `/api/cases/${id}/documents/${doc.body.id}` };
  },
  'GET /api/cases/:id/sheet.pdf': async () => ({ url: `/api/cases/${await freshCase()}/sheet.pdf` }),
  'GET /api/cases/tasks': async () => ({ url: '/api/cases/tasks' }),
  'GET /api/cases/workload': async () => ({ url: '/api/cases/workload' }),
  'GET /api/cases/:id/plan': async () => ({ url: `/api/cases/${await freshCase()}/plan` }),
  'GET /api/cases/:id/risk': async () => ({ url: `/api/cases/${await freshCase()}/risk` }),
  'GET /api/cases/:id/risk/assessments': async () => ({ url: `/api/cases/${await freshCase()}/risk/assessments` }),
  'POST /api/cases/:id/risk/assessments': async () => ({
    url: `/api/cases/${await freshCase()}/risk/assessments`,
    body: { instrumentId: await freshInstrument(), answers: { armi: 'no' }, occasion: 'iniziale', assessedOn: '2026-01-12' },
  }),
  'GET /api/risk/instruments': async () => ({ url: '/api/risk/instruments' }),
  'GET /api/risk/instrument-format': async () => ({ url: '/api/risk/instrument-format' }),
  'GET /api/risk/instruments/:id': async () => ({ url: `/api/risk/instruments/${await freshInstrument()}` }),
  'POST /api/networks/:id/risk-instruments': async () => ({ url: `/api/networks/${w.network}/risk-instruments`, body: riskInstrument() }),
  'POST /api/risk/instruments/:id/retire': async () => ({ url: `/api/risk/instruments/${await freshInstrument()}/retire` }),
  'GET /api/intake/recipients': async () => ({ url: '/api/intake/recipients' }),
  'POST /api/intake/sent': async () => ({ url: '/api/intake/sent', body: { recipientOrganisationId: w.orgs.cavA, source: 'accesso_ps', comuneCode: '016024', contact: { phone: '333 1234567' }, consent: { given: true, channel: 'telefono', givenOn: '2026-01-10' } } }),
  'GET /api/intake/sent': async () => ({ url: '/api/intake/sent' }),
  'GET /api/intake/inbox': async () => ({ url: '/api/intake/inbox' }),
  'GET /api/intake/inbox/:id': async () => ({ url: `/api/intake/inbox/${await freshInbound()}` }),
  'POST /api/intake/inbox/:id/attempts': async () => ({ url: `/api/intake/inbox/${await freshInbound()}/attempts` }),
  'POST /api/intake/inbox/:id/decline': async () => ({ url: `/api/intake/inbox/${await freshInbound()}/decline`, body: { reason: 'altro' } }),
  'POST /api/intake/inbox/:id/case': async () => ({ url: `/api/intake/inbox/${await freshInbound()}/case` }),
  // No actor of the matrix acts for a housing organisation: the structure routes never reach a row (ids need not exist).
  'GET /api/shelters/structures': async () => ({ url: '/api/shelters/structures' }),
  'POST /api/shelters/structures': async () => ({ url: '/api/shelters/structures', body: {} }),
  'GET /api/shelters/structures/:id': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}` }),
  'PATCH /api/shelters/structures/:id': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}`, body: {}, headers: { 'if-match': '"1"' } }),
  'PUT /api/shelters/structures/:id/networks': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/networks`, body: { networkIds: [] }, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/structures/:id/deactivate': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/deactivate`, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/structures/:id/reactivate': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/reactivate`, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/structures/:id/units': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/units`, body: { label: 'A', places: 1 } }),
  'PATCH /api/shelters/structures/:id/units/:unitId': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/units/${crypto.randomUUID()}`, body: { label: 'A' }, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/structures/:id/units/:unitId/places': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/units/${crypto.randomUUID()}/places`, body: { label: '1' } }),
  'PATCH /api/shelters/structures/:id/places/:placeId': async () => ({ url: `/api/shelters/structures/${crypto.randomUUID()}/places/${crypto.randomUUID()}`, body: { label: '1' }, headers: { 'if-match': '"1"' } }),
  'POST /api/shelters/structures/:id/places/:placeId/service': async () => ({
    url: `/api/shelters/structures/${crypto.randomUUID()}/places/${crypto.randomUUID()}/service`,
    body: { outOfService: true },
    headers: { 'if-match': '"1"' },
  }),
  'GET /api/shelters/board': async () => ({ url: '/api/shelters/board' }),
  // A fresh programme of the world's network (the coordinator's), CAV A its partner (version 2).
  'GET /api/autonomy/programmes': async () => ({ url: '/api/autonomy/programmes' }),
  'POST /api/autonomy/programmes': async () => ({ url: '/api/autonomy/programmes', body: programmeBody() }),
  'GET /api/autonomy/programmes/:id': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}` }),
  'PATCH /api/autonomy/programmes/:id': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}`, body: { name: unique('Programma') }, headers: { 'if-match': '"2"' } }),
  'PUT /api/autonomy/programmes/:id/partners': async () => ({
    url: `/api/autonomy/programmes/${await freshProgramme()}/partners`,
    body: { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA] },
    headers: { 'if-match': '"2"' },
  }),
  'PUT /api/autonomy/programmes/:id/budgets': async () => ({
    url: `/api/autonomy/programmes/${await freshProgramme()}/budgets`,
    body: { budgets: [{ axisCode: 'II', organisationId: w.orgs.cavA, amountCents: 100 }] },
    headers: { 'if-match': '"2"' },
  }),
  'PUT /api/autonomy/programmes/:id/equipes': async () => ({
    url: `/api/autonomy/programmes/${await freshProgramme()}/equipes`,
    body: { equipes: [{ name: 'Ambito', organisationIds: [w.orgs.cavA] }] },
    headers: { 'if-match': '"2"' },
  }),
  'PUT /api/autonomy/programmes/:id/results': async () => ({
    url: `/api/autonomy/programmes/${await freshProgramme()}/results`,
    body: { results: [{ label: 'Percorsi', measure: 'percorsi', target: 12 }] },
    headers: { 'if-match': '"2"' },
  }),
  'GET /api/autonomy/programmes/:id/summary': async () => ({ url: `/api/autonomy/programmes/${await freshProgramme()}/summary` }),
  // The capofila's regional funds: a fresh year of the world's network at the stage each route needs.
  'GET /api/autonomy/funds/years': async () => ({ url: '/api/autonomy/funds/years' }),
  'POST /api/autonomy/funds/years': async () => ({ url: '/api/autonomy/funds/years', body: { networkId: w.network, year: ++fundsYearNumber, contributionCents: 1 } }),
  'GET /api/autonomy/funds/years/:id': async () => ({ url: (await fundsYear()).url }),
  'PATCH /api/autonomy/funds/years/:id': async () => ({ url: (await fundsYear()).url, body: { callReference: 'Avviso 1/2026' }, headers: { 'if-match': '"1"' } }),
  'POST /api/autonomy/funds/years/:id/cofinancing': async () => ({ url: `${(await fundsYear()).url}/cofinancing`, body: { kind: 'locali', description: 'Sede', amountCents: 100 } }),
  'DELETE /api/autonomy/funds/years/:id/cofinancing/:entryId': async () => {
    const y = await fundsYear();
    const after = (await agents.coord.request('POST', `${y.url}/cofinancing`, { kind: 'locali', description: 'Sede', amountCents: 100 })).body;
    return { url: `${y.url}/cofinancing/${after.cofinancing[0].id}`, headers: { 'if-match': `"${after.version}"` } };
  },
  'POST /api/autonomy/funds/years/:id/governance': async () => ({ url: `${(await fundsYear()).url}/governance`, body: { description: 'Coordinamento', amountCents: 100, incurredOn: '2026-03-01' } }),
  'DELETE /api/autonomy/funds/years/:id/governance/:entryId': async () => {
    const y = await fundsYear();
    const after = (await agents.coord.request('POST', `${y.url}/governance`, { description: 'Coordinamento', amountCents: 100, incurredOn: '2026-03-01' })).body;
    return { url: `${y.url}/governance/${after.governance[0].id}`, headers: { 'if-match': `"${after.version}"` } };
  },
  'POST /api/autonomy/funds/years/:id/applications': async () => ({
    url: `${(await fundsYear()).url}/applications`,
    body: { organisationId: w.orgs.cavA, requestedCents: 100_000, submittedOn: '2026-02-01' },
  }),
  'PATCH /api/autonomy/funds/years/:id/applications/:applicationId': async () => {
    const y = await fundsYear('application');
    return { url: `${y.url}/applications/${y.application.id}`, body: { requestedCents: 90_000 }, headers: { 'if-match': '"1"' } };
  },
  'POST /api/autonomy/funds/years/:id/applications/:applicationId/review': async () => {
    const y = await fundsYear('application');
    return { url: `${y.url}/applications/${y.application.id}/review`, body: { outcome: 'ammessa', proposedCents: 90_000, reviewedOn: '2026-02-20' }, headers: { 'if-match': '"1"' } };
  },
  'PUT /api/autonomy/funds/years/:id/plan': async () => ({ url: `${(await fundsYear()).url}/plan`, body: { allocations: [{ organisationId: w.orgs.cavA, amountCents: 1_000 }] }, headers: { 'if-match': '"1"' } }),
  'POST /api/autonomy/funds/years/:id/plan/moves': async () => ({ url: `${(await fundsYear()).url}/plan/moves`, body: { move: 'condividi', on: '2026-03-01' }, headers: { 'if-match': '"1"' } }),
  'POST /api/autonomy/funds/years/:id/allocations/:allocationId/expenses': async () => {
    const y = await fundsYear('sent');
    return { url: `${y.url}/allocations/${y.allocationId}/expenses`, body: { category: 'formazione', amountCents: 500, spentOn: '2026-04-02', documentRef: 'F-2' } };
  },
  'DELETE /api/autonomy/funds/years/:id/allocations/:allocationId/expenses/:expenseId': async () => {
    const y = await fundsYear('spent');
    return { url: `${y.url}/allocations/${y.allocationId}/expenses/${y.allocation.expenses[0].id}`, headers: { 'if-match': `"${y.allocation.version}"` } };
  },
  'POST /api/autonomy/funds/years/:id/allocations/:allocationId/moves': async (actor) => {
    // The capofila checks a submitted one; the partner submits its own (only its head may).
    const y = await fundsYear(actor === 'coord' ? 'submitted' : 'spent');
    const body = actor === 'coord' ? { move: 'verifica', on: '2026-07-01' } : { move: 'presenta', on: '2026-06-30' };
    return { url: `${y.url}/allocations/${y.allocationId}/moves`, body, headers: { 'if-match': `"${y.allocation.version}"` } };
  },
  'GET /api/autonomy/funds/years/:id/report': async () => ({ url: `${(await fundsYear('spent')).url}/report?format=xlsx` }),
  'GET /api/reviews': async () => ({ url: '/api/reviews' }),
  'GET /api/reviews/networks': async () => ({ url: '/api/reviews/networks' }),
  'GET /api/reviews/tasks': async () => ({ url: '/api/reviews/tasks' }),
  'POST /api/reviews': async () => ({ url: '/api/reviews', body: { networkId: w.network, heldOn: '2026-02-01', mode: 'online', participantOrganisationIds: [w.orgs.cavA] } }),
  'GET /api/reviews/:id': async () => ({ url: `/api/reviews/${await freshReview()}` }),
  'PATCH /api/reviews/:id': async () => ({ url: `/api/reviews/${await freshReview()}`, body: { place: 'Sala' }, headers: { 'if-match': '"1"' } }),
  'POST /api/reviews/:id/items': async () => ({ url: `/api/reviews/${await freshReview()}/items`, body: { caseId: await freshCase(), ...reviewBasis } }),
  'PUT /api/reviews/:id/items/:itemId': async () => {
    const { reviewId, itemId } = await reviewItem();
    return { url: `/api/reviews/${reviewId}/items/${itemId}`, body: { brief: 'Sintesi nuova.' }, headers: { 'if-match': '"1"' } };
  },
  'DELETE /api/reviews/:id/items/:itemId': async () => {
    const { reviewId, itemId } = await reviewItem();
    return { url: `/api/reviews/${reviewId}/items/${itemId}` };
  },
  'POST /api/reviews/:id/actions': async () => ({ url: `/api/reviews/${await freshReview()}/actions`, body: { text: 'Azione.', ownerOrganisationId: w.orgs.cavA } }),
  'PATCH /api/reviews/:id/actions/:actionId': async () => {
    const reviewId = await freshReview();
    const action = await agents.coord.request('POST', `/api/reviews/${reviewId}/actions`, { text: 'Azione.', ownerOrganisationId: w.orgs.cavA });
    return { url: `/api/reviews/${reviewId}/actions/${action.body.id}`, body: { status: 'in_corso' }, headers: { 'if-match': '"1"' } };
  },
  'GET /api/cases/:id/reddito-liberta': async () => ({ url: `/api/cases/${await freshCase()}/reddito-liberta` }),
  'PUT /api/cases/:id/reddito-liberta': async () => ({ url: `/api/cases/${await freshCase()}/reddito-liberta`, body: {}, headers: { 'if-match': '"0"' } }),
  'POST /api/cases/:id/reddito-liberta': async () => ({ url: `/api/cases/${await freshCase()}/reddito-liberta` }),
  'GET /api/autonomy/reddito/stats': async () => ({ url: '/api/autonomy/reddito/stats' }),
  'GET /api/cases/:id/safety-plan': async () => ({ url: `/api/cases/${await freshCase()}/safety-plan` }),
  'PUT /api/cases/:id/safety-plan': async () => ({ url: `/api/cases/${await freshCase()}/safety-plan`, body: {}, headers: { 'if-match': '"0"' } }),
  'GET /api/cases/:id/minor': async () => ({ url: `/api/cases/${await freshCase()}/minor` }),
  'PUT /api/cases/:id/minor': async () => ({ url: `/api/cases/${await freshCase()}/minor`, body: { age: 12, ageOn: '2026-01-10', knownOn: '2026-01-10' }, headers: { 'if-match': '"0"' } }),
  'POST /api/cases/:id/children/:partId/open-case': async () => {
    const { id, partId } = await casePart('children', { age: 7 });
    return { url: `/api/cases/${id}/children/${partId}/open-case` };
  },
  'POST /api/cases/:id/plan/goals': async () => ({ url: `/api/cases/${await freshCase()}/plan/goals`, body: { area: 'casa' } }),
  'PUT /api/cases/:id/plan/goals/:partId': async () => {
    const { id, goalId } = await caseGoal();
    return { url: `/api/cases/${id}/plan/goals/${goalId}`, body: { area: 'lavoro', status: 'raggiunto' }, headers: { 'if-match': '"1"' } };
  },
  'POST /api/cases/:id/plan/actions': async () => {
    const { id, goalId } = await caseGoal();
    return { url: `/api/cases/${id}/plan/actions`, body: { goalId, type: 'orientamento_lavoro', ownerOrganisationId: w.orgs.cavA } };
  },
  'PUT /api/cases/:id/plan/actions/:partId': async () => {
    const { id, goalId } = await caseGoal();
    const action = await agents.op.request('POST', `/api/cases/${id}/plan/actions`, { goalId, type: 'tirocinio', ownerOrganisationId: w.orgs.cavA });
    return { url: `/api/cases/${id}/plan/actions/${action.body.id}`, body: { goalId, type: 'tirocinio', ownerOrganisationId: w.orgs.cavA, status: 'in_corso' }, headers: { 'if-match': '"1"' } };
  },
  'POST /api/cases/:id/plan/reviews': async () => ({ url: `/api/cases/${await freshCase()}/plan/reviews`, body: { on: '2026-02-01', herAgreement: true } }),
  'POST /api/cases/:id/meetings': async () => ({ url: `/api/cases/${await freshCase()}/meetings`, body: { on: '2026-02-01' } }),
  'POST /api/cases': async () => ({ url: '/api/cases', body: { contactOn: '2026-01-10' } }),
  'POST /api/cases/search': async () => ({ url: '/api/cases/search', body: { q: 'Francesca' } }),
  'GET /api/cases/:id': async () => ({ url: `/api/cases/${await freshCase()}` }),
  'PATCH /api/cases/:id': async () => ({ url: `/api/cases/${await freshCase()}`, body: { comuneCode: null }, headers: { 'if-match': '"1"' } }),
  'POST /api/cases/:id/stage': async () => ({ url: `/api/cases/${await freshCase()}/stage`, body: { stage: 'accoglienza', on: '2026-01-12' }, headers: { 'if-match': '"1"' } }),
  'POST /api/cases/:id/reopen': async () => ({ url: `/api/cases/${await freshCase(true)}/reopen`, body: { on: '2026-03-01' }, headers: { 'if-match': '"2"' } }),
  'GET /api/cases/:id/team': async () => ({ url: `/api/cases/${await freshCase()}/team` }),
  'GET /api/cases/:id/team/candidates': async () => ({ url: `/api/cases/${await freshCase()}/team/candidates` }),
  'GET /api/cases/:id/access-log': async () => ({ url: `/api/cases/${await freshCase()}/access-log` }),
  'POST /api/cases/:id/team': async () => ({ url: `/api/cases/${await freshCase()}/team`, body: { userId: await freshColleague() } }),
  'DELETE /api/cases/:id/team/:userId': async () => ({ url: `/api/cases/${await freshCase()}/team/${w.users.socialWorkerA.id}` }),
  'GET /api/cases/:id/coordination': async () => ({ url: `/api/cases/${await freshCase()}/coordination` }),
  'PUT /api/cases/:id/coordination': async () => ({ url: `/api/cases/${await freshCase()}/coordination`, body: { organisationId: null }, headers: { 'if-match': '"1"' } }),
  'GET /api/cases/:id/coordination/team': async () => ({ url: `/api/cases/${await coordinatedCase()}/coordination/team` }),
  'POST /api/cases/:id/coordination/team': async () => ({ url: `/api/cases/${await coordinatedCase()}/coordination/team`, body: { userId: await freshColleague() } }),
  'DELETE /api/cases/:id/coordination/team/:userId': async () => {
    const caseId = await coordinatedCase();
    const userId = await freshColleague();
    await agents.op.request('POST', `/api/cases/${caseId}/coordination/team`, { userId });
    return { url: `/api/cases/${caseId}/coordination/team/${userId}` };
  },
  'POST /api/cases/:id/break-glass': async () => ({ url: `/api/cases/${await freshCase()}/break-glass`, body: { reason: 'Verifica richiesta dalla responsabile' } }),
  'GET /api/cases/:id/consents': async () => ({ url: `/api/cases/${await freshCase()}/consents` }),
  'POST /api/cases/:id/consents': async () => ({ url: `/api/cases/${await freshCase()}/consents`, body: { purpose: 'statistiche_anonime', givenOn: '2026-01-10', form: 'orale' } }),
  'POST /api/cases/:id/consents/:partId/revoke': async () => {
    const { id, partId } = await casePart('consents', { purpose: 'statistiche_anonime', givenOn: '2026-01-10', form: 'orale' });
    return { url: `/api/cases/${id}/consents/${partId}/revoke` };
  },
  'GET /api/cases/:id/events': async () => ({ url: `/api/cases/${await freshCase()}/events` }),
  'POST /api/cases/:id/events': async () => ({ url: `/api/cases/${await freshCase()}/events`, body: { at: '2026-01-11T10:00:00+01:00', channel: 'telefono', type: 'ascolto' } }),
  'GET /api/cases/:id/children': async () => ({ url: `/api/cases/${await freshCase()}/children` }),
  'POST /api/cases/:id/children': async () => ({ url: `/api/cases/${await freshCase()}/children`, body: { age: 7 } }),
  'PUT /api/cases/:id/children/:partId': async () => {
    const { id, partId } = await casePart('children', { age: 7 });
    return { url: `/api/cases/${id}/children/${partId}`, body: { age: 8 }, headers: { 'if-match': '"1"' } };
  },
  'GET /api/cases/:id/authors': async () => ({ url: `/api/cases/${await freshCase()}/authors` }),
  'POST /api/cases/:id/authors': async () => ({ url: `/api/cases/${await freshCase()}/authors`, body: { relationship: 'partner' } }),
  'PUT /api/cases/:id/authors/:partId': async () => {
    const { id, partId } = await casePart('authors', { relationship: 'partner' });
    return { url: `/api/cases/${id}/authors/${partId}`, body: { relationship: 'ex_partner' }, headers: { 'if-match': '"1"' } };
  },
};

/**
 * A client presenting a session nobody holds (forged, or ended): audited.
 * (With no session cookie at all the answer is the same 401, unaudited: see below.)
 */
const anonymous = (): Agent => ({
  cookie: 'trama_session=forged-or-ended-session-id',
  csrf: '',
  async request(method, url, body) {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: 'trama_session=forged-or-ended-session-id' },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
  },
});

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  const u = w.users;
  const step = await loginPassword(t, u.headA);
  agents = {
    admin: await login(t, u.admin),
    coord: await login(t, u.coordinator),
    head: await login(t, u.headA),
    op: await login(t, u.operatorA),
    sw: await login(t, u.socialWorkerA),
    help: await login(t, u.helpline),
    anal: await login(t, u.analyst),
    anon: anonymous(),
    pwd: agentFromCookie(t, step.cookie, step.csrf),
  };
  const [row] = await t.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.actorOrganisationId, w.orgs.cavA), eq(auditLog.action, 'auth.mfa'))).orderBy(asc(auditLog.id));
  rowOfA = row!.id;
});
afterAll(() => t.close());

/** Who the denial row must name: the account and the organisation she acts for. */
const actorOf = (actor: Actor): { actorUserId: string | null; actorOrganisationId: string | null } => {
  const { users: u, orgs } = w;
  const inA = (id: string) => ({ actorUserId: id, actorOrganisationId: orgs.cavA });
  return {
    admin: { actorUserId: u.admin.id, actorOrganisationId: null },
    coord: { actorUserId: u.coordinator.id, actorOrganisationId: orgs.capofila },
    head: inA(u.headA.id),
    op: inA(u.operatorA.id),
    sw: inA(u.socialWorkerA.id),
    help: inA(u.helpline.id),
    anal: inA(u.analyst.id),
    anon: { actorUserId: null, actorOrganisationId: null },
    pwd: { actorUserId: null, actorOrganisationId: null }, // never reaches a denial
  }[actor];
};

const cases = MATRIX.flatMap(([endpoint, action, ...expected]) =>
  ACTORS.map((actor, i) => ({ endpoint, action, actor, expected: expected[i]! })),
);

describe('role × endpoint matrix', () => {
  it('covers every protected endpoint of the app, with its declared action', () => {
    const declared = t.routes
      // Her own account and her own notifications: any signed-in account holds them, ownership decides (auth and notifications tests).
      .filter((r) => r.access && !r.access.public && !r.access.action.startsWith('auth.') && r.access.action !== 'notification.own')
      .map((r) => `${r.method} ${r.url} ${r.access!.action}`)
      .sort();
    expect(MATRIX.map(([endpoint, action]) => `${endpoint} ${action}`).sort()).toEqual(declared);
    for (const row of MATRIX) expect(row.length, row[0]).toBe(2 + ACTORS.length);
  });

  it.each(cases)('$actor → $endpoint = $expected', async ({ endpoint, action, actor, expected }) => {
    const [method, route] = endpoint.split(' ') as [string, string];
    const { url, body, headers } = await REQUESTS[endpoint]!(actor);
    const before = expected >= 400 ? await adminTablesDigest(t.db) : null;

    const res = await agents[actor].request(method, url, body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected < 400) return;

    expect(await adminTablesDigest(t.db), 'a refused request changed the database').toBe(before);
    // A 404: the policy let her through and the row is not hers (a proposal to a structure she does not run), audited by its service.
    if (expected === 404) return void expect(res.body.code).toBe('not_found');
    expect(res.body.code).toBe(expected === 403 ? 'forbidden' : actor === 'pwd' ? 'mfa_required' : 'unauthenticated');
    if (actor === 'pwd') return; // the second factor is simply still due: not a denial
    const denied = await t.db.select().from(auditLog).where(eq(auditLog.requestId, res.body.instance)).orderBy(asc(auditLog.id));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      action: 'access.denied',
      outcome: 'denied',
      resourceType: 'route',
      resourceId: `${method} ${route}`,
      purpose: action,
      ...actorOf(actor),
    });
  });
});

describe('requests with no session cookie at all', () => {
  it('are refused with 401 and not audited (a signed-out page or a scanner cannot flood the chain)', async () => {
    const before = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    expect(await t.db.select().from(auditLog).orderBy(asc(auditLog.id))).toHaveLength(before.length);
  });
});

describe("done criterion: an operator of one organisation cannot see another organisation's users or audit rows", () => {
  it('operator B asking for the head of CAV A gets 404, as for an account that does not exist', async () => {
    const operatorB = await login(t, w.users.operatorB);
    expect((await agents.head.request('GET', `/api/users/${w.users.headA.id}`)).status).toBe(200); // it exists
    const before = await adminTablesDigest(t.db);
    const res = await operatorB.request('GET', `/api/users/${w.users.headA.id}`);
    const none = await operatorB.request('GET', `/api/users/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect({ ...res.body, instance: null }).toEqual({ ...none.body, instance: null });
    expect(await adminTablesDigest(t.db)).toBe(before);
    const list = await operatorB.request('GET', '/api/users');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(w.users.headA.id);
  });

  it('head B asking for an audit row acted for CAV A gets 404; head A sees it', async () => {
    const headB = await login(t, w.users.headB);
    expect((await agents.head.request('GET', `/api/audit/${rowOfA}`)).status).toBe(200);
    const before = await adminTablesDigest(t.db);
    const res = await headB.request('GET', `/api/audit/${rowOfA}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect(await adminTablesDigest(t.db)).toBe(before);
    const list = await headB.request('GET', '/api/audit?pageSize=200');
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(rowOfA);
  });
});
