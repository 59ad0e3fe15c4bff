import { and, eq, gte, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppContext } from '../../context.js';
import { romeToday } from '../../platform/rome.js';
import { notificationPreferences, notifications } from './notifications.tables.js';

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

/** Sends the claimed e-mails, after commit; a failed one is released to be tried again, never logged with its address. */
async function send(ctx: AppContext, claimed: Claimed[], digest: boolean, release: (c: Claimed) => Promise<void>) {
  const mail = ctx.config.mail!;
  const transport = nodemailer.createTransport(ctx.config.secrets.smtpUrl!);
  let sent = 0;
  try {
    for (const c of claimed) {
      try {
        await transport.sendMail({ from: mail.from, to: c.email, ...noticeEmail(mail.publicUrl, c.ids.length, digest) });
        sent++;
      } catch (error) {
        ctx.log.warn({ userId: c.userId, err: { code: (error as { code?: string }).code } }, 'notification e-mail not sent; released for the next run');
        await release(c);
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed: claimed.length - sent };
}

/** Her address, opened only to send (instance key). */
const addressOf = (ctx: AppContext, userId: string, sealed: string) => ctx.crypto.decrypt(ctx.database.db, sealed, `notification_preferences.email:${userId}`);

/**
 * Claims her unread, not yet e-mailed notifications that arrived since she
 * asked for e-mails: the claim commits before anything is sent, so two runs
 * (or a retried job) never e-mail the same notification twice.
 */
async function claim(ctx: AppContext, userId: string, since: Date, now: Date) {
  const rows = await ctx.database.db
    .update(notifications)
    .set({ emailedAt: now })
    .where(and(eq(notifications.recipientUserId, userId), isNull(notifications.emailedAt), isNull(notifications.readAt), gte(notifications.createdAt, since)))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

async function unclaim(ctx: AppContext, ids: string[], now: Date) {
  await ctx.database.db.update(notifications).set({ emailedAt: null }).where(and(inArray(notifications.id, ids), eq(notifications.emailedAt, now)));
}

/**
 * One e-mail to each person who chose "immediate" and has something new
 * (however many notifications: one message tells of them all). Runs after
 * the writes that raised them have committed — it reads committed rows
 * only — and is safe to run again at any time. Nothing when SMTP_URL is
 * unset (the default) or nobody chose e-mails (the default per person).
 */
export async function deliverPendingEmails(ctx: AppContext, now = new Date()) {
  if (!ctx.config.mail) return { sent: 0, failed: 0 };
  const db = ctx.database.db;
  const prefs = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.frequency, 'immediate'), isNotNull(notificationPreferences.emailSealed)));
  const claimed: Claimed[] = [];
  for (const p of prefs) {
    const ids = await claim(ctx, p.userId, p.since, now);
    if (ids.length) claimed.push({ userId: p.userId, email: await addressOf(ctx, p.userId, p.emailSealed!), ids });
  }
  return send(ctx, claimed, false, (c) => unclaim(ctx, c.ids, now));
}

/**
 * The daily digest: at most one e-mail per person and Rome day, telling how
 * many notifications arrived and wait unread. The day is claimed with the
 * notifications (a second run the same day sends nothing); a day with
 * nothing new sends nothing.
 */
export async function sendDigests(ctx: AppContext, now = new Date()) {
  if (!ctx.config.mail) return { sent: 0, failed: 0 };
  const db = ctx.database.db;
  const today = romeToday(now);
  const due = await db
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.frequency, 'daily'),
        isNotNull(notificationPreferences.emailSealed),
        or(isNull(notificationPreferences.lastDigestOn), lt(notificationPreferences.lastDigestOn, today)),
      ),
    );
  const claimed: (Claimed & { previousDay: string | null })[] = [];
  for (const p of due) {
    const [day] = await db
      .update(notificationPreferences)
      .set({ lastDigestOn: today })
      .where(and(eq(notificationPreferences.userId, p.userId), or(isNull(notificationPreferences.lastDigestOn), lt(notificationPreferences.lastDigestOn, today))))
      .returning({ userId: notificationPreferences.userId });
    if (!day) continue;
    const ids = await claim(ctx, p.userId, p.since, now);
    if (ids.length) claimed.push({ userId: p.userId, email: await addressOf(ctx, p.userId, p.emailSealed!), ids, previousDay: p.lastDigestOn });
  }
  return send(ctx, claimed, true, async (c) => {
    await unclaim(ctx, c.ids, now);
    const previous = claimed.find((x) => x.userId === c.userId)?.previousDay ?? null;
    await db.update(notificationPreferences).set({ lastDigestOn: previous }).where(eq(notificationPreferences.userId, c.userId));
  });
}
