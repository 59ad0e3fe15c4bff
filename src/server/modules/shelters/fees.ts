import { type SQL, and, eq, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FeesOut } from '../../../shared/shelters.stays.api.js';
import { shelterCodeLabels } from '../../../shared/shelters.labels.js';
import { stayReference } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type Sheet, toXlsx } from '../../platform/exports.js';
import { romeToday } from '../../platform/rome.js';
import { organisations } from '../organisations/index.js';
import { shelterStays, shelterStructures } from './shelters.tables.js';
import { ledStructures } from './stays.notify.js';

/**
 * The monthly fees (docs/shelters.md, "Fees"): for each stay with a payer,
 * its days in the month — the admission day counted, the exit day not; an
 * open stay through today, never a day not yet lived — times the daily fee
 * copied at admission. One row per stay: structure name, level, the stay's
 * reference, days, fee, amount, payer; a second-level flat's contribution
 * is hers, in a column of its own, never added to the fee. Never an address,
 * a name, a case code. Who reads: the payer's staff, the social service
 * that agreed the stays, the coordinator of the networks the structures
 * serve (shelter.fees.export).
 */

const payer = alias(organisations, 'fee_payer');

function visible(scope: Scope): SQL | null {
  const org = scope.principal.organisation;
  if (!org || scope.principal.isInstanceAdmin) return null;
  const coordinator = scope.principal.organisationRole === 'network_coordinator' ? sql`${shelterStays.structureId} in ${ledStructures(org.id)}` : undefined;
  return or(eq(shelterStays.payerOrganisationId, org.id), eq(shelterStays.socialServiceId, org.id), coordinator)!;
}

/**
 * SQL: a stay's days inside [from, to) (ISO dates) — the admission day
 * counted, the exit day not; an open stay through `today`, never a day not
 * yet lived. The fees' days in a month and the yearly counts' presence days.
 */
export function stayDaysWithin(from: string, to: string, today: string): SQL<number> {
  const tomorrow = sql`(${today}::date + 1)`;
  // Date minus date is a number of days in PostgreSQL.
  return sql<number>`greatest(0, least(coalesce(${shelterStays.exitedOn}, ${tomorrow}), ${to}::date, ${tomorrow}) - greatest(${shelterStays.admittedOn}, ${from}::date))`.mapWith(Number);
}

/** First day of the month and of the next, as ISO dates. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export async function monthFees(ctx: AppContext, scope: Scope, month: string, today = romeToday()): Promise<FeesOut> {
  const mine = visible(scope);
  if (!mine) throw new AppError('forbidden');
  const { from, to } = monthBounds(month);
  const days = stayDaysWithin(from, to, today);
  const rows = await readHandle(ctx.database.db)
    .select({
      id: shelterStays.id,
      structure: { id: shelterStructures.id, name: shelterStructures.name, level: shelterStructures.level },
      days,
      dailyFeeCents: shelterStays.dailyFeeCents,
      contributionCents: shelterStays.contributionCents,
      payer: { id: payer.id, name: payer.name },
    })
    .from(shelterStays)
    .innerJoin(shelterStructures, eq(shelterStructures.id, shelterStays.structureId))
    .innerJoin(payer, eq(payer.id, shelterStays.payerOrganisationId))
    .where(and(mine, isNotNull(shelterStays.payerOrganisationId), sql`${shelterStays.admittedOn} < ${to}::date`, sql`(${shelterStays.exitedOn} is null or ${shelterStays.exitedOn} > ${from}::date)`))
    .orderBy(payer.name, shelterStays.admittedOn, shelterStays.id);
  const out = rows
    .filter((r) => r.days > 0)
    .map((r) => ({
      stayReference: stayReference(r.id),
      structure: r.structure,
      days: r.days,
      dailyFeeCents: r.dailyFeeCents,
      amountCents: r.days * r.dailyFeeCents,
      payer: r.payer,
      contributionCents: r.contributionCents,
    }));
  const totals = new Map<string, FeesOut['totals'][number]>();
  for (const r of out) {
    const t = totals.get(r.payer.id) ?? { payer: r.payer, amountCents: 0, days: 0 };
    t.amountCents += r.amountCents;
    t.days += r.days;
    totals.set(r.payer.id, t);
  }
  return { month, rows: out, totals: [...totals.values()], totalCents: out.reduce((n, r) => n + r.amountCents, 0) };
}

export async function readFees(ctx: AppContext, scope: Scope, month: string, requestId: string): Promise<FeesOut> {
  const fees = await monthFees(ctx, scope, month);
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.fees.read'), purpose: `${month}: ${fees.rows.length}` });
  return fees;
}

const euro = (cents: number | null) => (cents === null ? null : Math.round(cents) / 100);

/** The month's fees as a workbook (Italian headers: the payer's offices read it). */
export async function exportFees(ctx: AppContext, scope: Scope, month: string, requestId: string): Promise<Buffer> {
  const fees = await monthFees(ctx, scope, month);
  const sheet: Sheet = {
    name: `Rette ${month}`,
    columns: [
      { key: 'structure', header: 'Struttura' },
      { key: 'level', header: 'Livello' },
      { key: 'reference', header: 'Permanenza (rif.)' },
      { key: 'days', header: 'Giorni' },
      { key: 'fee', header: 'Retta giornaliera (€)' },
      { key: 'amount', header: 'Importo (€)' },
      { key: 'payer', header: 'Ente pagante' },
      { key: 'contribution', header: 'Contributo della donna (€, suo, non retta)' },
    ],
    rows: [
      ...fees.rows.map((r) => ({
        structure: r.structure.name,
        level: shelterCodeLabels.level[r.structure.level].it,
        reference: r.stayReference,
        days: r.days,
        fee: euro(r.dailyFeeCents),
        amount: euro(r.amountCents),
        payer: r.payer.name,
        contribution: euro(r.contributionCents),
      })),
      { structure: 'Totale', level: null, reference: null, days: fees.rows.reduce((n, r) => n + r.days, 0), fee: null, amount: euro(fees.totalCents), payer: null, contribution: null },
    ],
  };
  const file = await toXlsx([sheet]);
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.fees.export'), purpose: `${month}: ${fees.rows.length}` });
  return file;
}
