/**
 * The permission names the web app checks to show screens. The server's
 * policy tables own them; ideally they would live in src/shared so a rename
 * breaks the build here too.
 */
export const permissions = {
  organisationRead: 'organisation.read',
  organisationManage: 'organisation.manage',
  userRead: 'user.read',
  userManage: 'user.manage',
  auditRead: 'audit.read',
  jobsDeadLetters: 'jobs.dead_letters',
  routingTransfer: 'routing.transfer',
  routingCallsSummary: 'routing.calls_summary',
  routingTokens: 'routing.tokens',
  directoryRead: 'directory.read',
  directoryManage: 'directory.manage',
  directoryNetworkManage: 'directory.network_manage',
  directoryImport: 'directory.import',
  directoryExport: 'directory.export',
  directoryHistory: 'directory.history',
  directoryStandards: 'directory.standards',
  caseRead: 'case.read',
  caseWrite: 'case.write',
  caseTeam: 'case.team',
  caseBreakGlass: 'case.break_glass',
  caseAccessLog: 'case.access_log',
  caseWorkload: 'case.workload',
  referralRead: 'referral.read',
  referralDecide: 'referral.decide',
  riskInstrumentsRead: 'risk.instruments_read',
  riskInstrumentsManage: 'risk.instruments_manage',
  intakeSend: 'intake.send',
  intakeReceive: 'intake.receive',
  reviewRead: 'review.read',
  reviewWrite: 'review.write',
  reviewBring: 'review.bring',
} as const;
