import { permissions } from '../api/permissions';

/**
 * The staff app's sections, each opened by one permission. The navigation
 * and the home page cards both read this list, so they never disagree.
 */
export const sections = [
  {
    to: '/percorsi',
    permission: permissions.caseRead,
    navLabel: 'cases.nav.caseload',
    title: 'cases.cards.caseload.title',
    text: 'cases.cards.caseload.text',
  },
  {
    to: '/invii',
    permission: permissions.referralRead,
    navLabel: 'referrals.nav.title',
    title: 'referrals.cards.title',
    text: 'referrals.cards.text',
  },
  {
    to: '/revisioni',
    permission: permissions.reviewRead,
    navLabel: 'reviews.nav.title',
    title: 'reviews.cards.title',
    text: 'reviews.cards.text',
  },
  {
    to: '/ospitalita/disponibilita',
    permission: permissions.shelterBoardRead,
    navLabel: 'shelterBoard.nav.title',
    title: 'shelterBoard.cards.title',
    text: 'shelterBoard.cards.text',
  },
  {
    to: '/ospitalita/strutture',
    permission: permissions.shelterStructureRead,
    navLabel: 'shelterStructures.nav.title',
    title: 'shelterStructures.cards.title',
    text: 'shelterStructures.cards.text',
  },
  {
    to: '/segnalazioni/inviate',
    permission: permissions.intakeSend,
    navLabel: 'intake.nav.send',
    title: 'intake.cards.send.title',
    text: 'intake.cards.send.text',
  },
  {
    to: '/segnalazioni/in-arrivo',
    permission: permissions.intakeReceive,
    navLabel: 'intake.nav.inbox',
    title: 'intake.cards.inbox.title',
    text: 'intake.cards.inbox.text',
  },
  {
    to: '/admin/organizzazioni',
    permission: permissions.organisationRead,
    navLabel: 'nav.organisations',
    title: 'home.cards.organisations.title',
    text: 'home.cards.organisations.text',
  },
  {
    to: '/admin/utenti',
    permission: permissions.userRead,
    navLabel: 'nav.users',
    title: 'home.cards.users.title',
    text: 'home.cards.users.text',
  },
  {
    to: '/admin/audit',
    permission: permissions.auditRead,
    navLabel: 'nav.audit',
    title: 'home.cards.audit.title',
    text: 'home.cards.audit.text',
  },
  {
    to: '/admin/chiavi-api',
    permission: permissions.routingTokens,
    navLabel: 'routing.nav.tokens',
    title: 'routing.cards.tokens.title',
    text: 'routing.cards.tokens.text',
  },
  {
    to: '/admin/attivita',
    permission: permissions.jobsDeadLetters,
    navLabel: 'nav.jobs',
    title: 'home.cards.jobs.title',
    text: 'home.cards.jobs.text',
  },
  {
    to: '/1522',
    permission: permissions.routingTransfer,
    navLabel: 'routing.nav.helpline',
    title: 'routing.cards.helpline.title',
    text: 'routing.cards.helpline.text',
  },
  {
    to: '/rete/chiamate-1522',
    permission: permissions.routingCallsSummary,
    navLabel: 'routing.nav.calls',
    title: 'routing.cards.calls.title',
    text: 'routing.cards.calls.text',
  },
  {
    to: '/rete/servizi',
    permission: permissions.directoryRead,
    navLabel: 'directory.nav.map',
    title: 'directory.cards.map.title',
    text: 'directory.cards.map.text',
  },
  {
    to: '/rete/standard',
    permission: permissions.directoryStandards,
    navLabel: 'directory.nav.standards',
    title: 'directory.cards.standards.title',
    text: 'directory.cards.standards.text',
  },
  {
    to: '/rete/strumenti-rischio',
    permission: permissions.riskInstrumentsManage,
    navLabel: 'risk.nav.instruments',
    title: 'risk.cards.instruments.title',
    text: 'risk.cards.instruments.text',
  },
] as const;
