import { type CallOutcome, type PublicLanguage, publicLanguages } from '../../../shared/directory.js';
import { CALL_WITHDRAW_MS } from '../../../shared/routing.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type SportelloState, type Territory, findComune, territoryAt, weeklySchedule } from '../directory/index.js';
import type { WeeklySchedule } from '../../../shared/schedule.js';
import { networkComuni, sportelli } from '../directory/index.js';
import { and, eq, ne } from 'drizzle-orm';
import { callLog } from './routing.tables.js';
import { type MessageKind, formatWhen, renderMessage } from './routing.messages.js';

/**
 * The 1522 routing decision for a caller's comune at an instant: transfer
 * the call to the referent when its phone is answered at that instant and
 * it has a transfer number; otherwise inform her of the referent and its
 * phone line's next opening (and that she may call 1522 back then to be put
 * through). While the referent's phone does not answer, the network's line
 * answering round the clock (an `h24` sportello of a member organisation
 * with a transfer number: declared as a transfer target) takes the call
 * instead (`h24Line`). 112 always, by the 1522 emergency procedure: the operator alerts
 * the police herself and keeps her on the line.
 *
 * A comune outside every network has the public answer's shape:
 * `network: null` and `nearestNetwork: { id, name, distanceKm }`; `referent`
 * is then the nearest network's, never a transfer.
 *
 * A reserved referent's contacts (phones, email, address) are not in the
 * answer: reserved numbers are for the transfer only, never read out.
 */
export interface TransferAnswer {
  comune: { istatCode: string; name: string; provinceSigla: string };
  at: Date;
  action: 'transfer' | 'inform';
  emergency: '112';
  helpline: '1522';
  /** The network covering her comune (null when none does). */
  network: { id: string; name: string } | null;
  /** Her comune is outside every network: the nearest one, by distance to its referent or nearest sportello. */
  nearestNetwork: { id: string; name: string; distanceKm: number } | null;
  referent: {
    id: string;
    name: string;
    visibility: 'public' | 'reserved';
    organisation: { id: string; name: string };
    comune: { istatCode: string; name: string };
    /** Public contacts only: empty for a reserved referent. */
    address: string | null;
    phones: string[];
    email: string | null;
    openingHours: string | null;
    phoneHours: string | null;
    /** The same hours as a week (null: none, or not a regular week): the screens put them in words. */
    openingSchedule: WeeklySchedule | null;
    phoneSchedule: WeeklySchedule | null;
    h24: boolean;
    /** From her comune (a centre outside her network is read out with it). */
    distanceKm: number;
    phoneOpenNow: boolean;
    openNow: boolean;
    closesAt: Date | null;
    /** Only with action "transfer": the reserved number to transfer the call to. */
    transferPhone: string | null;
  } | null;
  /** With action "transfer" while the referent is closed: the network's 24-hour line the call goes to. */
  h24Line: { id: string; name: string; organisation: { id: string; name: string }; transferPhone: string } | null;
  /** The phone line's next opening (`kind: "phone"`; the in-person opening may differ). */
  nextOpening: { at: Date; sportello: { id: string; name: string }; kind: 'phone' } | null;
  message: { lang: PublicLanguage; text: string }[];
}

/** When the sportello's phone line opens next (null while it is open). */
function openingOf(s: SportelloState): TransferAnswer['nextOpening'] {
  return s.phone?.nextOpening ? { at: s.phone.nextOpening, sportello: { id: s.id, name: s.name }, kind: 'phone' } : null;
}

/**
 * The network's line answering round the clock and declared as a transfer
 * target (it has a transfer number), the nearest first; never another
 * network's (a comune outside every network is only informed).
 */
function h24LineOf(territory: Territory, referentId: string | undefined): SportelloState | null {
  if (territory.nearest) return null;
  const roundTheClock = (s: SportelloState) => s.h24 || (s.phoneHours ?? s.openingHours)?.trim() === '24/7';
  return territory.sportelli.find((s) => s.id !== referentId && !!s.transferPhone && roundTheClock(s) && !!s.phone?.open) ?? null;
}

function earliestOpening(list: SportelloState[]): TransferAnswer['nextOpening'] {
  let best: TransferAnswer['nextOpening'] = null;
  for (const s of list) {
    const next = openingOf(s);
    if (next && (!best || next.at < best.at)) best = next;
  }
  return best;
}

export async function transferAnswer(
  ctx: AppContext,
  scope: Scope,
  q: { comune: string; at: Date; lang?: PublicLanguage | undefined; messages?: 'all' | undefined },
  requestId: string,
): Promise<TransferAnswer> {
  const { db } = ctx.database;
  const territory = await territoryAt(db, q.comune, q.at);
  if (!territory) throw new AppError('comune_not_found');
  const { comune, referent: r } = territory;
  const phoneOpen = !!r?.phone?.open;
  const toReferent = !!r && phoneOpen && !!r.transferPhone && !territory.nearest;
  const line = toReferent ? null : h24LineOf(territory, r?.id);
  const transfer = toReferent || !!line;
  const nextOpening = toReferent ? null : r ? openingOf(r) : earliestOpening(territory.sportelli);

  const kind: MessageKind = !territory.network ? 'none' : territory.nearest ? 'nearest' : toReferent ? 'transfer' : line ? 'transferH24' : nextOpening && r ? 'closed' : 'notLinked';
  const langs: PublicLanguage[] = q.messages === 'all' ? ['it', ...publicLanguages.filter((l) => l !== 'it')] : q.lang && q.lang !== 'it' ? ['it', q.lang] : ['it'];
  const service = line ? `${line.name} (${line.organisation.name})` : r ? `${r.name} (${r.organisation.name})` : territory.sportelli[0]?.name ?? '';
  const isPublic = r?.visibility === 'public';
  const distances = r ? [r.distanceKm] : territory.sportelli.map((s) => s.distanceKm);
  const nearestNetwork =
    territory.nearest && territory.network ? { ...territory.network, distanceKm: distances.length ? Math.min(...distances) : 0 } : null;
  const message = langs.map((lang) => ({
    lang,
    text: renderMessage(
      lang,
      kind,
      {
        service,
        comune: comune.name,
        network: territory.network?.name,
        km: nearestNetwork ? String(Math.round(nearestNetwork.distanceKm)) : null,
        when: nextOpening ? formatWhen(nextOpening.at, lang) : null,
      },
      // Never a reserved desk's number; "call 1522 back" only when 1522 can transfer to it.
      { phone: isPublic ? r.phones[0] : null, callBack: !!r?.transferPhone && !territory.nearest },
    ),
  }));

  await writeAuditAlone(db, { ...actedBy(scope, requestId, 'routing.transfer_lookup', { type: 'comune', id: comune.istatCode }), purpose: transfer ? 'transfer' : 'inform' });
  return {
    comune: { istatCode: comune.istatCode, name: comune.name, provinceSigla: comune.provinceSigla },
    at: q.at,
    action: transfer ? 'transfer' : 'inform',
    emergency: '112',
    helpline: '1522',
    network: territory.nearest ? null : territory.network,
    nearestNetwork,
    referent: r && {
      id: r.id,
      name: r.name,
      visibility: r.visibility,
      organisation: { id: r.organisation.id, name: r.organisation.name },
      comune: r.comune,
      address: isPublic ? r.address : null,
      phones: isPublic ? r.phones : [],
      email: isPublic ? r.email : null,
      openingHours: r.openingHours,
      phoneHours: r.phoneHours,
      openingSchedule: r.openingHours ? weeklySchedule(r.openingHours, q.at) : null,
      phoneSchedule: r.phoneHours ? weeklySchedule(r.phoneHours, q.at) : null,
      h24: r.h24,
      distanceKm: r.distanceKm,
      phoneOpenNow: phoneOpen,
      openNow: !!r.inPerson?.open,
      closesAt: r.phone?.closesAt ?? null,
      transferPhone: toReferent ? r.transferPhone : null,
    },
    h24Line: line && { id: line.id, name: line.name, organisation: { id: line.organisation.id, name: line.organisation.name }, transferPhone: line.transferPhone! },
    nextOpening,
    message,
  };
}

export interface CallInput {
  at: Date;
  comune: string;
  outcome: CallOutcome;
  language: string;
  sportelloId?: string | undefined;
}

/** Records a handled call: time, territory, outcome, language — never a personal datum. */
export async function recordCall(ctx: AppContext, scope: Scope, input: CallInput, requestId: string): Promise<{ id: number }> {
  return writeTransaction(
    ctx.database.db,
    async (tx) => {
      if (!(await findComune(tx, input.comune))) {
        throw new AppError('validation_failed', { errors: [{ pointer: '/body/comune', code: 'unknown_comune' }] });
      }
      if (input.sportelloId) {
        const [s] = await tx.select({ id: sportelli.id }).from(sportelli).where(and(eq(sportelli.id, input.sportelloId), ne(sportelli.visibility, 'secret')));
        if (!s) throw new AppError('validation_failed', { errors: [{ pointer: '/body/sportelloId', code: 'unknown_sportello' }] });
      }
      const [covering] = await tx.select({ networkId: networkComuni.networkId }).from(networkComuni).where(eq(networkComuni.istatCode, input.comune));
      const [row] = await tx
        .insert(callLog)
        .values({
          at: input.at,
          operatorUserId: scope.principal.userId,
          organisationId: scope.principal.organisation?.id ?? null,
          comuneCode: input.comune,
          networkId: covering?.networkId ?? null,
          sportelloId: input.sportelloId ?? null,
          outcome: input.outcome,
          language: input.language,
        })
        .returning({ id: callLog.id });
      await writeAudit(tx, actedBy(scope, requestId, 'routing.call_record', { type: 'call', id: String(row!.id) }));
      return { id: row!.id };
    },
    () => new AppError('conflict'),
  );
}

/**
 * Withdraws a call record: only its own operator, only within a minute of
 * recording it (she pressed the wrong outcome). Someone else's record, or
 * one that does not exist, is 404; a later attempt is 409
 * `call_withdraw_expired` — the counts are then the network's to trust.
 */
export async function withdrawCall(ctx: AppContext, scope: Scope, id: number, requestId: string, now = new Date()): Promise<void> {
  await writeTransaction(ctx.database.db, async (tx) => {
    const [row] = await tx
      .select({ recordedAt: callLog.recordedAt })
      .from(callLog)
      .where(and(eq(callLog.id, id), eq(callLog.operatorUserId, scope.principal.userId)))
      .for('update');
    if (!row) throw new AppError('not_found');
    if (now.getTime() - row.recordedAt.getTime() > CALL_WITHDRAW_MS) throw new AppError('call_withdraw_expired');
    await tx.delete(callLog).where(eq(callLog.id, id));
    await writeAudit(tx, actedBy(scope, requestId, 'routing.call_withdraw', { type: 'call', id: String(id) }));
  }, () => new AppError('conflict'));
}
