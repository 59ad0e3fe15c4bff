import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { AppError } from '../platform/errors.js';
import { resourceNotFound } from '../audit/audit.denied.js';
import { writeAudit, writeAuditAlone } from '../audit/audit.writer.js';
import { sessions, users } from './access.tables.js';
import { hashPassword, isAcceptablePassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { checkTotp, newTotpSecret, qrDataUrl, totpUri } from './totp.js';

/** The context bound to an encrypted TOTP secret: it decrypts only on its own account. */
export const totpContext = (userId: string) => `users.totp_secret:${userId}`;

const normalise = (username: string) => username.trim().toLowerCase();

function rateLimited(retryAfter: number): AppError {
  return new AppError('rate_limited', { headers: { 'retry-after': String(retryAfter) } });
}

/**
 * Password step. The answer is the same for a wrong password and an unknown
 * account (and costs the same time). Rate-limited per address and per
 * account name; the account limit counts failures only and empties once
 * the attempts stop.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  ip: string,
  requestId: string,
  previousRawId?: string,
) {
  const { db } = ctx.database;
  const name = normalise(input.username);
  // Every attempt counts against the address; against the account it counts as a failure
  // until it succeeds (counted first, so parallel guesses cannot all pass the check).
  const { loginPerIp, loginPerAccount } = ctx.limits;
  const wait = await loginPerIp.windows.take([loginPerIp.hit(ip), loginPerAccount.hit(name)]);
  if (wait > 0) throw rateLimited(wait);

  const [user] = await db.select().from(users).where(eq(users.username, name));
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, input.password);
  if (!user || !ok) {
    await writeAuditAlone(db, { action: 'auth.login', outcome: 'failure', actorUserId: user?.id, requestId });
    throw new AppError('invalid_credentials');
  }
  await loginPerAccount.reset(name);
  return db.transaction(async (tx) => {
    // A session this browser still held ends: one login, one live session per browser.
    if (previousRawId) await ctx.sessions.end(tx, ctx.sessions.hashId(previousRawId));
    const { rawId, row } = await ctx.sessions.create(tx, user.id);
    await writeAudit(tx, { action: 'auth.login', outcome: 'success', actorUserId: user.id, requestId });
    return { rawId, csrfToken: row.csrfToken, next: user.totpSecret ? ('mfa' as const) : ('enrol' as const) };
  });
}

/** Enrolment: a new secret is offered (kept encrypted, pending) until a valid code confirms it. */
export async function startEnrolment(ctx: AppContext, principal: Principal) {
  const { db } = ctx.database;
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user || user.totpSecret) throw new AppError('forbidden');
  let secret: string;
  if (user.totpPendingSecret) {
    secret = await ctx.crypto.decrypt(db, user.totpPendingSecret, totpContext(user.id));
  } else {
    secret = newTotpSecret();
    const sealed = await ctx.crypto.encrypt(db, null, secret, totpContext(user.id));
    await db.update(users).set({ totpPendingSecret: sealed }).where(eq(users.id, user.id));
  }
  const otpauthUri = totpUri(secret, ctx.config.instanceName, user.username);
  return { otpauthUri, qrDataUrl: await qrDataUrl(otpauthUri), secret };
}

/**
 * Second factor. Confirms enrolment when pending; accepts each code once;
 * on success gives the session a new id (no fixation) and, when she belongs
 * to exactly one organisation, selects it.
 */
export async function verifyMfa(ctx: AppContext, principal: Principal, code: string, requestId: string) {
  const { db } = ctx.database;
  // Counted as a failure until it succeeds (see login).
  const wait = await ctx.limits.mfaPerAccount.take(principal.userId);
  if (wait > 0) throw rateLimited(wait);
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user) throw new AppError('unauthenticated');
  const enrolling = !user.totpSecret;
  const sealed = user.totpSecret ?? user.totpPendingSecret;
  const step = sealed ? await checkTotp(await ctx.crypto.decrypt(db, sealed, totpContext(user.id)), code, user.totpLastStep) : null;

  if (step === null) {
    await writeAuditAlone(db, { action: 'auth.mfa', outcome: 'failure', actorUserId: user.id, requestId });
    throw new AppError('invalid_mfa_code');
  }
  await ctx.limits.mfaPerAccount.reset(principal.userId);
  return db.transaction(async (tx) => {
    // The conditional update makes a code single-use even under a race.
    const claimed = await tx
      .update(users)
      .set({
        totpLastStep: step,
        ...(enrolling ? { totpSecret: sealed, totpPendingSecret: null } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (claimed.length === 0) throw new AppError('invalid_mfa_code');
    const only = principal.memberships.length === 1 ? principal.memberships[0]!.organisationId : undefined;
    const rotated = await ctx.sessions.rotate(tx, principal.session.idHash, {
      mfaVerified: true,
      ...(only ? { organisationId: only } : {}),
    });
    if (enrolling) await writeAudit(tx, { action: 'auth.mfa_enrol', outcome: 'success', actorUserId: user.id, requestId });
    await writeAudit(tx, { action: 'auth.mfa', outcome: 'success', actorUserId: user.id, actorOrganisationId: only, requestId });
    return rotated;
  });
}

export async function selectOrganisation(ctx: AppContext, principal: Principal, organisationId: string, requestId: string) {
  // Only her own memberships: any other id is simply not found.
  if (!principal.memberships.some((m) => m.organisationId === organisationId)) throw resourceNotFound('organisation', organisationId);
  return ctx.database.db.transaction(async (tx) => {
    await ctx.sessions.update(tx, principal.session.idHash, { organisationId });
    await writeAudit(tx, {
      action: 'auth.organisation_select',
      outcome: 'success',
      actorUserId: principal.userId,
      actorOrganisationId: organisationId,
      resourceType: 'organisation',
      resourceId: organisationId,
      requestId,
    });
  });
}

export async function logout(ctx: AppContext, principal: Principal, requestId: string) {
  await ctx.database.db.transaction(async (tx) => {
    await ctx.sessions.end(tx, principal.session.idHash);
    await writeAudit(tx, {
      action: 'auth.logout',
      outcome: 'success',
      actorUserId: principal.userId,
      actorOrganisationId: principal.organisation?.id,
      requestId,
    });
  });
}



/**
 * She replaces her password (the temporary one, or by choice): the current
 * one is checked, the new one must be strong; her other sessions end.
 */
export async function changePassword(
  ctx: AppContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  requestId: string,
) {
  const { db } = ctx.database;
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await writeAuditAlone(db, { action: 'auth.password_change', outcome: 'failure', actorUserId: principal.userId, requestId });
    throw new AppError('invalid_credentials');
  }
  if (input.newPassword === input.currentPassword || !isAcceptablePassword(input.newPassword, [user.username, user.displayName])) {
    throw new AppError('weak_password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangeRequired: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt), ne(sessions.idHash, principal.session.idHash)));
    await writeAudit(tx, { action: 'auth.password_change', outcome: 'success', actorUserId: user.id, actorOrganisationId: principal.organisation?.id, requestId });
  });
  ctx.sessions.principals.forget(user.id);
}
