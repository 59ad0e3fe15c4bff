import { addDays, formatISO, parseISO } from 'date-fns';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { type DeclineReason, type ReferralState, declineReasons } from '../../../shared/referrals.js';
import { REFERRAL_STATS_MAX_DAYS, type ReferralNetworkStats, type ReferralStats } from '../../../shared/referrals.stats.api.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { type Shown, THRESHOLDS, suppressCell, suppressGroup } from '../../platform/suppression.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { referrals } from './referrals.tables.js';

/**
 * Referral counters (docs/referrals.md, "Statistics"). Numbers only: no
 * case, no person, no note is read. The referrals counted are those SENT in
 * the period (Italian days), by the state they are in now; the time to
 * first contact runs from sending to the recipient's first contact with her
 * (`first_contact_at`), over the accepted referrals that had one.
 *
 * - An organisation's head reads her organisation's own figures, as sender
 *   and as recipient, unsuppressed: each referral counted is one her staff
 *   already see in the outbox or the inbox.
 * - A network coordinator reads the same per organisation of a network her
 *   organisation leads, with small cells suppressed (1–4, platform/
 *   suppression.ts): a state, a reason, a count of first contacts; a
 *   median or 90th percentile over fewer than 5 referrals is not shown
 *   either (with three values, the median IS one of them).
 */

/** The state columns of the answer, in the order they add up to `requested`. */
const STATES = [
  ['pending', 'in_attesa'],
  ['accepted', 'accettata'],
  ['declined', 'rifiutata'],
  ['withdrawn', 'ritirata'],
  ['annulled', 'annullata'],
  ['expired', 'scaduta'],
] as const satisfies readonly (readonly [string, ReferralState])[];
type StateKey = (typeof STATES)[number][0];

const shiftDay = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

/** The period asked, or its defaults (the 365 days to today); a span too long is a 400 on `from`. */
export function statsPeriod(q: { from?: string | undefined; to?: string | undefined }, now = new Date()): { from: string; to: string } {
  const to = q.to ?? romeToday(now);
  const from = q.from ?? shiftDay(to, -364);
  if (from > to) throw new AppError('validation_failed', { errors: [{ pointer: '/querystring/to', code: 'from_after_to' }] });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > REFERRAL_STATS_MAX_DAYS) {
    throw new AppError('validation_failed', { errors: [{ pointer: '/querystring/from', code: 'out_of_range' }] });
  }
  return { from, to };
}

/** One referral as the counters need it: who sent it, to whom, where it stands, how long the first contact took. */
interface Fact {
  from: string;
  to: string;
  state: ReferralState;
  reason: DeclineReason | null;
  /** Hours from sending to the first contact (null: none yet). */
  hours: number | null;
}

/** The referrals sent in the period by or to any of `organisationIds`. */
async function facts(db: DbOrTx, organisationIds: readonly string[], period: { from: string; to: string }): Promise<Fact[]> {
  if (!organisationIds.length) return [];
  const sentOn = sql`(${referrals.referredAt} at time zone 'Europe/Rome')::date`;
  const rows = await db
    .select({
      from: referrals.fromOrganisationId,
      to: referrals.toOrganisationId,
      state: referrals.state,
      reason: referrals.declineReason,
      hours: sql<number | null>`extract(epoch from (${referrals.firstContactAt} - ${referrals.referredAt})) / 3600.0`.mapWith((v) => (v === null ? null : Number(v))),
    })
    .from(referrals)
    .where(
      and(
        sql`${sentOn} between ${period.from}::date and ${period.to}::date`,
        or(inArray(referrals.fromOrganisationId, [...organisationIds]), inArray(referrals.toOrganisationId, [...organisationIds])),
      ),
    );
  return rows;
}

/** The value at quantile `p` (0–1) of sorted values, interpolated as PostgreSQL's percentile_cont. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Median and 90th percentile of the first contacts among `list`; below `threshold` referrals nothing but a suppressed count. */
function firstContactOf(list: readonly Fact[], threshold: number) {
  const hours = list.flatMap((f) => (f.hours === null ? [] : [Math.max(0, f.hours)])).sort((a, b) => a - b);
  const hidden = hours.length > 0 && hours.length < threshold;
  return {
    count: suppressCell(hours.length, threshold),
    medianHours: hidden ? null : oneDecimal(quantile(hours, 0.5)),
    p90Hours: hidden ? null : oneDecimal(quantile(hours, 0.9)),
  };
}

/** The state counts and decline reasons of `list`; threshold 1 shows every cell. */
function countsOf(list: readonly Fact[], threshold: number) {
  const byState = STATES.map(([, state]) => list.filter((f) => f.state === state).length);
  const shownStates = suppressGroup(byState, threshold);
  const reasons = declineReasons.map((reason) => list.filter((f) => f.state === 'rifiutata' && f.reason === reason).length);
  const shownReasons = suppressGroup(reasons, threshold);
  return {
    requested: suppressCell(list.length, threshold),
    ...(Object.fromEntries(STATES.map(([key], i) => [key, shownStates[i]!])) as Record<StateKey, Shown>),
    declineReasons: declineReasons.map((reason, i) => ({ reason, count: shownReasons[i]! })),
  };
}

/** Her organisation's own counters (an organisation's head). Audited as a statistics read, naming no case. */
export async function organisationStats(ctx: AppContext, scope: Scope, q: { from?: string | undefined; to?: string | undefined }, requestId: string): Promise<ReferralStats> {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  const period = statsPeriod(q);
  const db = readHandle(ctx.database.db);
  const all = await facts(db, [organisation.id], period);
  const sent = all.filter((f) => f.from === organisation.id);
  const received = all.filter((f) => f.to === organisation.id);
  const recipientIds = [...new Set(sent.filter((f) => f.hours !== null).map((f) => f.to))];
  const names = recipientIds.length
    ? new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, recipientIds))).map((o) => [o.id, o.name]))
    : new Map<string, string>();
  const perRecipient = recipientIds
    .map((id) => ({ organisation: { id, name: names.get(id) ?? '' }, ...firstContactOf(sent.filter((f) => f.to === id), 1) }))
    .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, 'it'));
  await writeAuditAlone(ctx.database.db, {
    ...actedBy(scope, requestId, 'referral.stats', { type: 'organisation', id: organisation.id }),
    purpose: `organisation:${period.from}..${period.to}`,
  });
  return {
    period,
    organisation: { id: organisation.id, name: organisation.name },
    asSender: { ...countsOf(sent, 1), firstContact: perRecipient },
    asRecipient: { ...countsOf(received, 1), firstContact: firstContactOf(received, 1) },
  };
}

/**
 * The counters of every organisation of a network her organisation leads
 * (its network coordinator), small cells suppressed. Another network —
 * or one that does not exist — is 404, audited as denied.
 */
export async function networkStats(
  ctx: AppContext,
  scope: Scope,
  q: { network: string; from?: string | undefined; to?: string | undefined },
  requestId: string,
): Promise<ReferralNetworkStats> {
  const db = readHandle(ctx.database.db);
  const organisation = scope.principal.organisation;
  const [led] = organisation
    ? await db
        .select({ id: networks.id, name: networks.name })
        .from(networkMembers)
        .innerJoin(networks, eq(networks.id, networkMembers.networkId))
        .where(and(eq(networkMembers.networkId, q.network), eq(networkMembers.organisationId, organisation.id), eq(networkMembers.isCapofila, true)))
    : [];
  if (!led) throw resourceNotFound('network', q.network);
  const period = statsPeriod(q);
  const members = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(eq(networkMembers.networkId, led.id))
    .orderBy(organisations.name);
  const all = await facts(db, members.map((m) => m.id), period);
  const threshold = THRESHOLDS.network;
  const rows = members.map((m) => {
    const received = all.filter((f) => f.to === m.id);
    return {
      organisation: m,
      asSender: countsOf(all.filter((f) => f.from === m.id), threshold),
      asRecipient: { ...countsOf(received, threshold), firstContact: firstContactOf(received, threshold) },
    };
  });
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'referral.stats', { type: 'network', id: led.id }), purpose: `network:${period.from}..${period.to}` });
  return { period, network: led, threshold, organisations: rows };
}
