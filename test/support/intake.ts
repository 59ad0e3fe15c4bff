import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import type { OrganisationType } from '../../src/shared/domain.js';
import type { TestApp } from './app.js';
import { COMUNI } from './directory.js';
import { type Agent, createUser, createWorld, login, type World } from './world.js';

/** Inbound referrals' test world (docs/intake.md): test/api/intake.test.ts and test/security/intake-attacks.test.ts. */

export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });

export interface IntakeWorld {
  w: World;
  er: Agent;
  erOrg: string;
  helpline: Agent;
  opA: Agent;
  headA: Agent;
  opB: Agent;
}

/** The test world plus an emergency room in the network and a 1522 helpline, one account each. */
export async function intakeWorld(app: TestApp): Promise<IntakeWorld> {
  const w = await createWorld(app);
  const org = (type: OrganisationType) => insertOrganisation(app.db, { name: `${type}-${crypto.randomUUID()}`, type });
  const erOrg = await org('pronto_soccorso');
  await setOrganisationNetworks(app.db, erOrg, [w.network]);
  const helplineOrg = await org('helpline');
  const nurse = await createUser(app, { memberships: [{ organisationId: erOrg, role: 'operator' }] });
  const call = await createUser(app, { memberships: [{ organisationId: helplineOrg, role: 'helpline_operator' }] });
  const [er, helpline, opA, headA, opB] = await Promise.all([login(app, nurse), login(app, call), login(app, w.users.operatorA), login(app, w.users.headA), login(app, w.users.operatorB)]);
  return { w, er, erOrg, helpline, opA, headA, opB };
}

export const referral = (cav: string, over: Record<string, unknown> = {}) => ({
  recipientOrganisationId: cav,
  source: 'accesso_ps',
  urgency: 'urgente',
  comuneCode: COMUNI.bergamo,
  contact: { firstName: 'Giulia', phone: '+39 333 1234567', safeHours: 'mattina 9-12', instructions: 'Non lasciare messaggi', noMessages: true },
  consent: { given: true, channel: 'telefono', givenOn: today(), form: 'orale' },
  note: 'Referto per percosse, chiede di essere richiamata',
  ...over,
});

