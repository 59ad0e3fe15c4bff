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
  /** Personalised autonomy projects: the case's team, the équipe, the capofila (the server decides which project and view). */
  autonomyProjectRead: 'autonomy.project.read',
  /** Writing a project she holds with the plan (the server decides which): here, recording its follow-ups. */
  autonomyProjectWrite: 'autonomy.project.write',
  shelterStayRead: 'shelter.stay.read',
  shelterAuthorisationDecide: 'shelter.authorisation.decide',
  shelterRequestRead: 'shelter.request.read',
  shelterFeesExport: 'shelter.fees.export',
  /** The stays' yearly counts: the coordinator and the observatory (their networks), a housing organisation's staff (its own). */
  shelterStaysStats: 'shelter.stats.stays',
  /** The network's placement counts (requests, answers, unmet demand): the coordinator and the observatory. */
  shelterStatsRead: 'shelter.stats.read',
  /** Admitting and moving a stay (the same act as the proposals' inbox, named for the stays' screens). */
  shelterAdmit: 'shelter.stay.write',
  shelterStructureRead: 'shelter.structure.read',
  shelterStructureManage: 'shelter.structure.manage',
  shelterBoardRead: 'shelter.board.read',
  shelterRequestWrite: 'shelter.request.write',
  /** The Reddito di libertà of a case (the server decides which case: its plan's team) and the network's counts. */
  autonomyRedditoRead: 'autonomy.reddito.read',
  autonomyRedditoWrite: 'autonomy.reddito.write',
  autonomyRedditoStats: 'autonomy.reddito.stats',
  shelterStayWrite: 'shelter.stay.write',
  autonomyProgrammeRead: 'autonomy.programme.read',
  autonomyProgrammeManage: 'autonomy.programme.manage',
  /** The capofila's regional funds: the year pages (the server decides the capofila's view or a partner's own). */
  autonomyFundsRead: 'autonomy.funds.read',
} as const;
