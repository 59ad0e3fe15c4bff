import { and, desc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import {
  type StayAuthorisationOutcome,
  type StayCounts,
  type StayLengthBand,
  type StayStatsOut,
  stayAuthorisationOutcomes,
  stayLengthBandFrom,
  stayLengthBands,
} from '../../../shared/shelters.stats.api.js';
import { stayExitReasons, stayPaths, structureLevels } from '../../../shared/shelters.js';
import { isAllowed } from '../../access/policy.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { THRESHOLDS, suppressLinked } from '../../platform/suppression.js';
import { stayDaysWithin } from './fees.js';
import { readerNetworks } from './requests.stats.js';
import { statsReaders } from './shelters.policy.js';
import { shelterAuthorisations, shelterStays, shelterStructureNetworks, shelterStructures } from './shelters.tables.js';

/**
 * The stays' yearly counts (docs/shelters.md, "Yearly stay counts"): per
 * structure level, the admissions of the year by path, the stays running at
 * its end, the women and children hosted, the days lived in it, the exits by
 * reason and by length, the emergency admissions' authorisations by outcome.
 * Over the structures serving the networks of a coordinator or an
 * observatory analyst (the networks the request counts read), or a housing
 * organisation's own structures. Counts only, small cells hidden as the
 * request counts do, linked across the tables that share a total.
 */

type Level = (typeof structureLevels)[number];

function bandOf(days: number): StayLengthBand {
  let band: StayLengthBand = 'lt30';
  for (const b of stayLengthBands) if (days >= stayLengthBandFrom[b]) band = b;
  return band;
}

/**
 * An emergency stay's authorisation outcome: its latest authorisation's. A move's next stay has none of its own: only
 * a running (authorised) stay moves, so it carries the authorisation over.
 */
function outcomeOf(a: { state: string; dueAt: Date | null; escalatedAt: Date | null } | undefined, moved: boolean, now: Date): StayAuthorisationOutcome {
  if (!a) return moved ? 'autorizzata' : 'in_attesa';
  if (a.state === 'autorizzata' || a.state === 'rifiutata') return a.state;
  return a.escalatedAt || (a.dueAt && a.dueAt <= now) ? 'in_ritardo' : 'in_attesa';
}

export async function stayStats(ctx: AppContext, scope: Scope, year: number, requestId: string, now = new Date()): Promise<StayStatsOut> {
  const org = scope.principal.organisation;
  if (!org) throw new AppError('organisation_required');
  const db = readHandle(ctx.database.db);
  const ofNetworks = isAllowed(statsReaders, scope.principal.roles, org.type);
  const nets = ofNetworks ? (await readerNetworks(db, org.id)).sort((a, b) => a.name.localeCompare(b.name, 'it')) : [];
  const structures = ofNetworks
    ? nets.length
      ? await db
          .selectDistinct({ id: shelterStructures.id, level: shelterStructures.level })
          .from(shelterStructures)
          .innerJoin(shelterStructureNetworks, eq(shelterStructureNetworks.structureId, shelterStructures.id))
          .where(inArray(shelterStructureNetworks.networkId, nets.map((n) => n.id)))
      : []
    : await db.select({ id: shelterStructures.id, level: shelterStructures.level }).from(shelterStructures).where(eq(shelterStructures.organisationId, org.id));

  const today = romeToday(now);
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const last = `${year}-12-31`;
  const asOf = today < last ? today : last;
  // The stays lived in the year: begun by its end (or today), not ended before its first day (one ended on it is
  // one of its exits). A year not yet begun has none.
  const rows = structures.length && from <= today
    ? await db
        .select({
          id: shelterStays.id,
          previousStayId: shelterStays.previousStayId,
          structureId: shelterStays.structureId,
          path: shelterStays.path,
          adults: shelterStays.adults,
          children: sql<number>`jsonb_array_length(${shelterStays.children})`.mapWith(Number),
          admittedOn: shelterStays.admittedOn,
          exitedOn: shelterStays.exitedOn,
          exitReason: shelterStays.exitReason,
          days: stayDaysWithin(from, to, today),
          length: sql<number | null>`(${shelterStays.exitedOn} - ${shelterStays.admittedOn})`.mapWith((v) => (v === null ? null : Number(v))),
        })
        .from(shelterStays)
        .where(
          and(
            inArray(shelterStays.structureId, structures.map((s) => s.id)),
            lte(shelterStays.admittedOn, asOf),
            or(sql`${shelterStays.exitedOn} is null`, sql`${shelterStays.exitedOn} >= ${from}::date`),
          ),
        )
    : [];
  const emergencies = rows.filter((r) => r.path === 'emergenza' && r.admittedOn >= from).map((r) => r.id);
  const auths = emergencies.length
    ? await db
        .select({ stayId: shelterAuthorisations.stayId, state: shelterAuthorisations.state, dueAt: shelterAuthorisations.dueAt, escalatedAt: shelterAuthorisations.escalatedAt })
        .from(shelterAuthorisations)
        .where(and(isNotNull(shelterAuthorisations.stayId), inArray(shelterAuthorisations.stayId, emergencies)))
        .orderBy(desc(shelterAuthorisations.requestedAt), desc(shelterAuthorisations.id))
    : [];
  const latestAuth = new Map<string, (typeof auths)[number]>();
  for (const a of auths) if (!latestAuth.has(a.stayId!)) latestAuth.set(a.stayId!, a);

  const levelOf = new Map(structures.map((s) => [s.id, s.level as Level]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const raw = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick);
  const counts = (level: Level | null) => {
    const mine = raw((r) => level === null || levelOf.get(r.structureId) === level);
    const admitted = mine.filter((r) => r.admittedOn >= from);
    const exited = mine.filter((r) => r.exitedOn !== null && r.exitedOn >= from && r.exitedOn < to);
    // A move's next stay is the same household: counted once where the previous stay is counted too (the same level, or all levels).
    const households = mine.filter((r) => {
      const prev = r.previousStayId ? byId.get(r.previousStayId) : undefined;
      return !prev || (level !== null && levelOf.get(prev.structureId) !== level);
    });
    return {
      admissions: admitted.length,
      byPath: stayPaths.map((p) => admitted.filter((r) => r.path === p).length),
      running: mine.filter((r) => r.exitedOn === null || r.exitedOn > asOf).length,
      women: households.reduce((n, r) => n + r.adults, 0),
      children: households.reduce((n, r) => n + r.children, 0),
      presenceDays: mine.reduce((n, r) => n + r.days, 0),
      exits: exited.length,
      byReason: stayExitReasons.map((reason) => exited.filter((r) => r.exitReason === reason).length),
      byLength: stayLengthBands.map((band) => exited.filter((r) => bandOf(r.length ?? 0) === band).length),
      byOutcome: stayAuthorisationOutcomes.map((o) => admitted.filter((r) => r.path === 'emergenza' && outcomeOf(latestAuth.get(r.id), r.previousStayId !== null, now) === o).length),
    };
  };
  type Raw = ReturnType<typeof counts>;
  const perLevel = structureLevels.map((level) => counts(level));
  const total = counts(null);

  // Every count in one list, and the sums linking them: within a row (paths → admissions; the emergency path → its
  // authorisations' outcomes; reasons → exits; lengths → exits) and down each column (the levels → the total).
  const values: number[] = [];
  const ids = (r: Raw) => {
    const at = (n: number) => values.push(n) - 1;
    return {
      admissions: at(r.admissions),
      byPath: r.byPath.map(at),
      running: at(r.running),
      women: at(r.women),
      children: at(r.children),
      presenceDays: at(r.presenceDays),
      exits: at(r.exits),
      byReason: r.byReason.map(at),
      byLength: r.byLength.map(at),
      byOutcome: r.byOutcome.map(at),
    };
  };
  type Ids = ReturnType<typeof ids>;
  const levelIds = perLevel.map(ids);
  const totalIds = ids(total);
  const emergency = stayPaths.indexOf('emergenza');
  const groups: number[][] = [];
  for (const r of [...levelIds, totalIds]) groups.push([r.admissions, ...r.byPath], [r.byPath[emergency]!, ...r.byOutcome], [r.exits, ...r.byReason], [r.exits, ...r.byLength]);
  const column = (pick: (r: Ids) => number) => groups.push([...levelIds.map(pick), pick(totalIds)]);
  for (const key of ['admissions', 'running', 'presenceDays', 'exits'] as const) column((r) => r[key]);
  // Women and children: a household that moved between levels counts at each level and once in the total, so the levels
  // may add up to more than the total; linking them still keeps a lone hidden level from being derived.
  column((r) => r.women);
  column((r) => r.children);
  for (const key of ['byPath', 'byReason', 'byLength', 'byOutcome'] as const) totalIds[key].forEach((_, i) => column((r) => r[key][i]!));
  const threshold = THRESHOLDS.network;
  const shown = suppressLinked(values, groups, threshold);
  const out = (r: Ids): StayCounts => ({
    admissions: shown[r.admissions]!,
    admissionsByPath: stayPaths.map((path, i) => ({ path, count: shown[r.byPath[i]!]! })),
    running: shown[r.running]!,
    women: shown[r.women]!,
    children: shown[r.children]!,
    presenceDays: shown[r.presenceDays]!,
    exits: shown[r.exits]!,
    exitsByReason: stayExitReasons.map((reason, i) => ({ reason, count: shown[r.byReason[i]!]! })),
    exitsByLength: stayLengthBands.map((band, i) => ({ band, count: shown[r.byLength[i]!]! })),
    authorisations: stayAuthorisationOutcomes.map((outcome, i) => ({ outcome, count: shown[r.byOutcome[i]!]! })),
  });

  await writeAuditAlone(ctx.database.db, {
    ...actedBy(scope, requestId, 'shelter.stays.stats', { type: 'organisation', id: org.id }),
    purpose: `${year}: ${ofNetworks ? `networks:${nets.length}` : 'own'}, structures:${structures.length}`,
  });
  return {
    year,
    asOf,
    threshold,
    scope: ofNetworks ? 'reti' : 'strutture',
    networks: nets,
    structures: structures.length,
    levels: structureLevels.map((level, i) => ({ level, ...out(levelIds[i]!) })),
    total: out(totalIds),
  };
}
