import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type MembershipRole, type OrganisationType, roleFitsOrganisation } from '../../../shared/domain.js';
import { memberships, users } from '../../access/access.tables.js';
import { totpContext } from '../../access/auth.service.js';
import { hashPassword, isAcceptablePassword } from '../../access/passwords.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone, type AuditEvent } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import type { CryptoService } from '../../platform/crypto.js';
import { organisations } from '../organisations/index.js';
import * as repo from './accounts.repo.js';

/** A random temporary password, shown once (about 128 bits). */
export const temporaryPassword = () => randomBytes(16).toString('base64url');

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  isInstanceAdmin?: boolean;
  /** True for a temporary password: she must replace it after her first login. */
  passwordChangeRequired?: boolean;
  /** A TOTP secret set now (CLI, demo); otherwise she enrols at first login. */
  totpSecret?: string;
  memberships?: { organisationId: string; role: MembershipRole }[];
}

/** Roles that open case data: an instance administrator never holds one, in any organisation. */
const CASE_ROLES: readonly MembershipRole[] = ['organisation_head', 'operator', 'social_worker'];

/**
 * Creates an account without a scope check: for the CLI and the demo loader
 * only, which run as the operator of the machine. The password must pass
 * the strength check.
 */
export async function systemCreateAccount(tx: DbOrTx, crypto: CryptoService, input: NewAccount): Promise<string> {
  if (!isAcceptablePassword(input.password, [input.username, input.displayName])) throw new AppError('weak_password');
  // The command line cannot make an administrator who reads cases either.
  if (input.isInstanceAdmin && input.memberships?.some((m) => CASE_ROLES.includes(m.role))) throw new AppError('admin_case_role');
  const id = globalThis.crypto.randomUUID();
  await tx.insert(users).values({
    id,
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    isInstanceAdmin: input.isInstanceAdmin ?? false,
    passwordChangeRequired: input.passwordChangeRequired ?? false,
    totpSecret: input.totpSecret ? await crypto.encrypt(tx, null, input.totpSecret, totpContext(id)) : null,
  });
  if (input.memberships?.length) {
    await tx.insert(memberships).values(input.memberships.map((m) => ({ userId: id, ...m })));
  }
  return id;
}

/**
 * An account created from the command line (the operator of the machine):
 * the account and its audit row commit together or not at all.
 */
export function cliCreateAccount(ctx: AppContext, input: NewAccount): Promise<string> {
  return ctx.database.db.transaction(async (tx) => {
    const id = await systemCreateAccount(tx, ctx.crypto, input);
    await writeAudit(tx, { action: 'user.create', outcome: 'success', resourceType: 'user', resourceId: id, purpose: 'cli' });
    return id;
  });
}

const audit = (scope: Scope, requestId: string, action: AuditEvent['action'], userId: string) =>
  actedBy(scope, requestId, action, { type: 'user', id: userId });

const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));

/** A write to her account or memberships: her sessions' principals are read afresh from the next request on (access/principal-cache.ts). */
async function writeAccount<T>(ctx: AppContext, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await write(ctx, fn);
  } finally {
    ctx.sessions.principals.forget(userId);
  }
}

/** The organisation must be one she manages: otherwise it does not exist for her. Answers its kind. */
async function requireManagedOrganisation(tx: Tx, scope: Scope, organisationId: string): Promise<OrganisationType> {
  const visible = repo.visibleOrganisations(scope);
  const managed = visible === 'all' || visible.includes(organisationId);
  const [found] = managed ? await tx.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, organisationId)) : [];
  if (!found) throw resourceNotFound('organisation', organisationId);
  return found.type as OrganisationType;
}

/** A role the organisation's kind may hold (`rolesByOrganisationType`): a CAV has no network coordinator. */
function requireRoleFits(role: MembershipRole, type: OrganisationType) {
  if (!roleFitsOrganisation(role, type)) {
    throw new AppError('validation_failed', { errors: [{ pointer: '/body/role', code: 'role_not_for_organisation' }] });
  }
}

/**
 * A network coordinator sees every organisation of the networks her
 * organisation leads: only the instance admin may grant that role.
 */
function requireGrantable(scope: Scope, role: MembershipRole) {
  if (role === 'network_coordinator' && scope.organisationIds !== 'all') throw new AppError('forbidden');
}

/**
 * Nobody raises (or changes) her own rights: her roles, memberships, state
 * and second factor are changed by another administrator or head (or, for
 * the instance administrator, from the server's command line). The attempt
 * is refused and audited as denied.
 */
async function refuseSelfChange(ctx: AppContext, scope: Scope, userId: string, requestId: string, action: AuditEvent['action']) {
  if (userId !== scope.principal.userId) return;
  await writeAuditAlone(ctx.database.db, { ...audit(scope, requestId, action, userId), outcome: 'denied', purpose: 'own account' });
  throw new AppError('own_account_change');
}

/** An instance administrator's account holds no role that reads case data; the attempt to grant one is audited as denied. */
async function refuseCaseRoleForAdmin(ctx: AppContext, scope: Scope, userId: string, role: MembershipRole, requestId: string) {
  if (!CASE_ROLES.includes(role)) return;
  // Before the write's transaction: the denied row is committed on its own (the embedded database has one connection).
  const [account] = await ctx.database.db.select({ isInstanceAdmin: users.isInstanceAdmin }).from(users).where(eq(users.id, userId));
  if (!account?.isInstanceAdmin) return;
  await writeAuditAlone(ctx.database.db, { ...audit(scope, requestId, 'membership.set', userId), outcome: 'denied', purpose: `case role for an instance admin: ${role}` });
  throw new AppError('admin_case_role');
}

async function requireAccount(tx: Tx, scope: Scope, userId: string) {
  const found = await repo.findAccount(tx, scope, userId);
  if (!found) throw resourceNotFound('user', userId);
  return found;
}

/**
 * A random password can still contain a short word of her name ("Eva"),
 * which the strength check refuses: draw again rather than fail with weak_password.
 */
function acceptableTemporaryPassword(herWords: string[]): string {
  let password = temporaryPassword();
  while (!isAcceptablePassword(password, herWords)) password = temporaryPassword();
  return password;
}

export function createAccount(
  ctx: AppContext,
  scope: Scope,
  input: { username: string; displayName: string; organisationId: string; role: MembershipRole },
  requestId: string,
) {
  return write(ctx, async (tx) => {
    const type = await requireManagedOrganisation(tx, scope, input.organisationId);
    requireGrantable(scope, input.role);
    requireRoleFits(input.role, type);
    const password = acceptableTemporaryPassword([input.username, input.displayName]);
    const id = await systemCreateAccount(tx, ctx.crypto, {
      username: input.username,
      displayName: input.displayName,
      password,
      passwordChangeRequired: true,
      memberships: [{ organisationId: input.organisationId, role: input.role }],
    });
    await writeAudit(tx, audit(scope, requestId, 'user.create', id));
    return { user: await requireAccount(tx, scope, id), temporaryPassword: password };
  });
}

export async function updateAccount(
  ctx: AppContext,
  scope: Scope,
  userId: string,
  input: { displayName?: string | undefined; disabled?: boolean | undefined },
  requestId: string,
) {
  await refuseSelfChange(ctx, scope, userId, requestId, 'user.update');
  return writeAccount(ctx, userId, async (tx) => {
    await requireAccount(tx, scope, userId);
    if (input.disabled !== undefined) {
      if (userId === scope.principal.userId || !(await repo.isWhollyInScope(tx, scope, userId))) throw new AppError('forbidden');
      if (input.disabled) await ctx.sessions.endAllForUser(tx, userId);
    }
    await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await writeAudit(tx, audit(scope, requestId, 'user.update', userId));
    return requireAccount(tx, scope, userId);
  });
}

export async function setMembership(ctx: AppContext, scope: Scope, userId: string, organisationId: string, role: MembershipRole, requestId: string) {
  await refuseSelfChange(ctx, scope, userId, requestId, 'membership.set');
  await refuseCaseRoleForAdmin(ctx, scope, userId, role, requestId);
  return writeAccount(ctx, userId, async (tx) => {
    await requireAccount(tx, scope, userId);
    const type = await requireManagedOrganisation(tx, scope, organisationId);
    requireGrantable(scope, role);
    requireRoleFits(role, type);
    await tx
      .insert(memberships)
      .values({ userId, organisationId, role })
      .onConflictDoUpdate({ target: [memberships.userId, memberships.organisationId], set: { role } });
    await writeAudit(tx, { ...audit(scope, requestId, 'membership.set', userId), purpose: `organisation:${organisationId}` });
    return requireAccount(tx, scope, userId);
  });
}

export async function removeMembership(ctx: AppContext, scope: Scope, userId: string, organisationId: string, requestId: string) {
  await refuseSelfChange(ctx, scope, userId, requestId, 'membership.remove');
  return writeAccount(ctx, userId, async (tx) => {
    await requireAccount(tx, scope, userId);
    await requireManagedOrganisation(tx, scope, organisationId);
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
      .returning({ userId: memberships.userId });
    if (!removed.length) throw resourceNotFound('membership', `${userId}/${organisationId}`);
    await writeAudit(tx, { ...audit(scope, requestId, 'membership.remove', userId), purpose: `organisation:${organisationId}` });
  });
}

/** Clears the second factor: she enrols again at next login; her sessions end now. */
export async function resetMfa(ctx: AppContext, scope: Scope, userId: string, requestId: string) {
  await refuseSelfChange(ctx, scope, userId, requestId, 'user.mfa_reset');
  return writeAccount(ctx, userId, async (tx) => {
    await requireAccount(tx, scope, userId);
    if (!(await repo.isWhollyInScope(tx, scope, userId))) throw new AppError('forbidden');
    await tx
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await ctx.sessions.endAllForUser(tx, userId);
    await writeAudit(tx, audit(scope, requestId, 'user.mfa_reset', userId));
  });
}

/**
 * She forgot her password: a new temporary one, shown once to whoever
 * manages her account, to be replaced at her next login; her sessions end
 * now. Her second factor stays: the temporary password alone opens nothing.
 */
export async function resetPassword(ctx: AppContext, scope: Scope, userId: string, requestId: string) {
  await refuseSelfChange(ctx, scope, userId, requestId, 'user.password_reset');
  return writeAccount(ctx, userId, async (tx) => {
    const account = await requireAccount(tx, scope, userId);
    if (!(await repo.isWhollyInScope(tx, scope, userId))) throw new AppError('forbidden');
    const password = acceptableTemporaryPassword([account.username, account.displayName]);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), passwordChangeRequired: true, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await ctx.sessions.endAllForUser(tx, userId);
    await writeAudit(tx, audit(scope, requestId, 'user.password_reset', userId));
    return { temporaryPassword: password };
  });
}

/** Audited read of accounts (staff identities are personal data too). */
export async function auditAccountRead(ctx: AppContext, scope: Scope, requestId: string, userId?: string) {
  await ctx.database.db.transaction((tx) =>
    writeAudit(tx, userId ? audit(scope, requestId, 'user.read', userId) : actedBy(scope, requestId, 'user.list')),
  );
}
