import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppContext } from '../../context.js';
import { romeToday } from '../../platform/rome.js';
import { notificationPreferences, notifications } from './notifications.tables.js';
import { visibleToRecipient } from './notifications.visibility.js';

/** Where every e-mail sends her: the centre, never a case. */
export const CENTRE_PATH = '/notifiche';

/**
 * The whole e-mail: that something waits in Trama, how many, and the link to
 * the notification centre. Never a name, a comune, a case code or a kind:
 * a mailbox is read by others, kept for years, and may be the abuser's to
 * read. Italian first, then English (an account has no language stored).
 */
export function noticeEmail(publicUrl: string, waiting: number, digest: boolean) {
  const link = `${publicUrl}${CENTRE_PATH}`;
  const waits = waiting === 1 ? 'ti aspetta 1 nuova notifica' : `ti aspettano ${waiting} nuove notifiche`;
  const it = digest ? `Riepilogo del giorno: in Trama ${waits}.` : `In Trama ${waits}.`;
  const en = digest
    ? `Daily summary: ${waiting === 1 ? '1 new notification waits' : `${waiting} new notifications wait`} for you in Trama.`
    : `${waiting === 1 ? '1 new notification waits' : `${waiting} new notifications wait`} for you in Trama.`;
  return {
    subject: digest ? 'Trama: riepilogo delle notifiche / notifications summary' : 'Trama: nuove notifiche / new notifications',
    text: `${it}\nLe trovi nel centro notifiche: ${link}\n\n${en}\nOpen the notification centre: ${link}\n`,
  };
}

type Claimed = { userId: string; email: string; ids: string[] };

/** Sends one claimed e-mail, after commit. Failing, it is released (to be tried again) and the error rethrown without the address. */
async function send(ctx: AppContext, c: Claimed, digest: boolean, release: () => Promise<void>) {
  const mail = ctx.config.mail!;
  const transport = nodemailer.createTransport(ctx.config.secrets.smtpUrl!);
  try {
    await transport.sendMail({ from: mail.from, to: c.email, ...noticeEmail(mail.publicUrl, c.ids.length, digest) });
  } catch (error) {
    await release();
    ctx.log.warn({ userId: c.userId, err: { code: (error as { code?: string }).code } }, 'notification e-mail not sent; released for the next attempt');
    throw Object.assign(new Error('mail_not_sent'), { code: 'mail_not_sent' });
  } finally {
    transport.close();
  }
}

/** Her address, opened only to send (instance key). */
const addressOf = (ctx: AppContext, userId: string, sealed: string) => ctx.crypto.decrypt(ctx.database.db, sealed, `notification_preferences.email:${userId}`);

/** Hers to e-mail: unread, never e-mailed, arrived since she asked for e-mails. */
const pendingFor = (userId: string, since: Date) =>
  and(eq(notifications.recipientUserId, userId), isNull(notifications.emailedAt), isNull(notifications.readAt), gte(notifications.createdAt, since));

/**
 * Claims what is pending for her: the claim commits before anything is
 * sent, so two runs (or a retried job) never e-mail the same notification
 * twice.
 */
async function claim(ctx: AppContext, userId: string, since: Date, now: Date) {
  // Only what her centre shows her now: a case she was taken off (or whose break-the-glass ended) is not counted nor claimed.
  const visible = await visibleToRecipient(ctx.database.db, userId);
  if (!visible) return [];
  const rows = await ctx.database.db.update(notifications).set({ emailedAt: now }).where(and(pendingFor(userId, since), visible)).returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

async function unclaim(ctx: AppContext, ids: string[], now: Date) {
  await ctx.database.db.update(notifications).set({ emailedAt: null }).where(and(inArray(notifications.id, ids), eq(notifications.emailedAt, now)));
}

const immediate = and(eq(notificationPreferences.frequency, 'immediate'), isNotNull(notificationPreferences.emailSealed));

/**
 * Who chose "immediate" and has something not e-mailed yet, with the newest
 * such notification (a job key: a new notification makes a new e-mail job,
 * a sweep that finds the same ones enqueues nothing).
 */
export async function pendingImmediate(ctx: AppContext) {
  const prefs = await ctx.database.db.select().from(notificationPreferences).where(immediate);
  const out: { userId: string; newestId: string }[] = [];
  for (const p of prefs) {
    const [newest] = await ctx.database.db.select({ id: notifications.id }).from(notifications).where(pendingFor(p.userId, p.since)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(1);
    if (newest) out.push({ userId: p.userId, newestId: newest.id });
  }
  return out;
}

/**
 * One e-mail to her telling how many notifications wait (however many: one
 * message tells of them all), if she chose "immediate" and something is
 * pending. Reads committed rows only: it runs after the writes that raised
 * them. Answers whether an e-mail went; throws if the server refused it
 * (the notifications are released for the next attempt).
 */
export async function emailUser(ctx: AppContext, userId: string, now = new Date()): Promise<boolean> {
  if (!ctx.config.mail) return false;
  const [p] = await ctx.database.db.select().from(notificationPreferences).where(and(immediate, eq(notificationPreferences.userId, userId)));
  if (!p) return false;
  const ids = await claim(ctx, userId, p.since, now);
  if (!ids.length) return false;
  await send(ctx, { userId, email: await addressOf(ctx, userId, p.emailSealed!), ids }, false, () => unclaim(ctx, ids, now));
  return true;
}

/**
 * Every pending immediate e-mail, now (the job sweep enqueues one job per
 * e-mail instead; this is for the command line and tests). Nothing when
 * SMTP_URL is unset (the default) or nobody chose e-mails (the default per
 * person). Safe to run again at any time.
 */
export async function deliverPendingEmails(ctx: AppContext, now = new Date()) {
  let sent = 0;
  let failed = 0;
  if (!ctx.config.mail) return { sent, failed };
  for (const { userId } of await pendingImmediate(ctx)) {
    try {
      if (await emailUser(ctx, userId, now)) sent++;
    } catch {
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * The daily digest: at most one e-mail per person and Rome day, telling how
 * many notifications arrived and wait unread. The day is claimed with the
 * notifications (a second run the same day sends nothing); a day with
 * nothing new sends nothing. A refused e-mail gives the day back.
 */
export async function sendDigests(ctx: AppContext, now = new Date()) {
  let sent = 0;
  let failed = 0;
  if (!ctx.config.mail) return { sent, failed };
  const db = ctx.database.db;
  const today = romeToday(now);
  const notYetToday = or(isNull(notificationPreferences.lastDigestOn), lt(notificationPreferences.lastDigestOn, today));
  const due = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.frequency, 'daily'), isNotNull(notificationPreferences.emailSealed), notYetToday));
  for (const p of due) {
    const [day] = await db
      .update(notificationPreferences)
      .set({ lastDigestOn: today })
      .where(and(eq(notificationPreferences.userId, p.userId), notYetToday))
      .returning({ userId: notificationPreferences.userId });
    if (!day) continue;
    const ids = await claim(ctx, p.userId, p.since, now);
    if (!ids.length) continue;
    const release = async () => {
      await unclaim(ctx, ids, now);
      await db.update(notificationPreferences).set({ lastDigestOn: p.lastDigestOn }).where(eq(notificationPreferences.userId, p.userId));
    };
    try {
      await send(ctx, { userId: p.userId, email: await addressOf(ctx, p.userId, p.emailSealed!), ids }, true, release);
      sent++;
    } catch {
      failed++;
    }
  }
  return { sent, failed };
}
