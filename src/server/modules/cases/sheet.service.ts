import { type CaseSection, caseSections } from '../../../shared/cases.js';
import { SHEET_MAX_EVENTS } from '../../../shared/case-sheet.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { listAuthors, listChildren, listConsents, listEvents } from './cases.parts.service.js';
import { type CaseOut, presentCase } from './cases.present.js';
import { onCase } from './cases.run.js';
import { listDocuments } from './documents.service.js';
import { getPlan } from './plan.service.js';
import { getMinor } from './minors.service.js';
import { renderSheet } from './sheet.render.js';

/** The sections a sheet prints, in the case's own order; the plan covers work and housing too. */
const inOrderOf = (sections: Iterable<CaseSection>) => {
  const set = new Set(sections);
  return caseSections.filter((s) => set.has(s));
};

/**
 * Prints a case sheet: the case (code, stage, dates, risk, team as she
 * sees it) and the sections asked for — by default every section she
 * holds. A section asked for that she does not hold answers 404, like the
 * part routes, and is audited as a denied print. The print is audited as
 * `case.printed` with the sections (never the content); each part is then
 * read through its own use case, so the choke point decides it again and
 * the read is audited as on screen.
 */
export async function printCaseSheet(ctx: AppContext, scope: Scope, caseId: string, requested: readonly CaseSection[] | undefined, requestId: string) {
  const { detail, sections } = await onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.printed',
    'case',
    async (tx, access) => {
      if (requested?.some((s) => !access.sections.has(s))) throw new AppError('not_found');
      return { detail: await presentCase(ctx, tx, access), sections: inOrderOf(requested ?? access.sections) };
    },
    ({ sections: printed }) => `sections:${printed.join(',')}`,
  );
  const has = (s: CaseSection) => sections.includes(s);
  const events = has('timeline') ? await allEvents(ctx, scope, caseId, requestId) : null;
  const sheet: CaseSheet = {
    detail,
    sections,
    events,
    children: has('children') ? await listChildren(ctx, scope, caseId, requestId) : null,
    authors: has('authors') ? await listAuthors(ctx, scope, caseId, requestId) : null,
    plan: has('plan') || has('work_housing') ? await getPlan(ctx, scope, caseId, requestId) : null,
    consents: has('consents') ? await listConsents(ctx, scope, caseId, requestId) : null,
    documents: has('documents') ? await listDocuments(ctx, scope, caseId, requestId) : null,
    minor: has('minor') ? await getMinor(ctx, scope, caseId, requestId) : null,
  };
  const bytes = await renderSheet(sheet, { printedBy: scope.principal.displayName, printedAt: new Date() });
  return { code: detail.code, bytes };
}

async function allEvents(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  const pageSize = 100;
  const first = await listEvents(ctx, scope, caseId, { page: 1, pageSize }, requestId);
  const items = [...first.items];
  for (let page = 2; items.length < Math.min(first.total, SHEET_MAX_EVENTS); page++) {
    items.push(...(await listEvents(ctx, scope, caseId, { page, pageSize }, requestId)).items);
  }
  return { items: items.slice(0, SHEET_MAX_EVENTS), total: first.total };
}

/** What a sheet prints: each part null when it is not printed. */
export interface CaseSheet {
  detail: CaseOut;
  sections: CaseSection[];
  events: Awaited<ReturnType<typeof allEvents>> | null;
  children: Awaited<ReturnType<typeof listChildren>> | null;
  authors: Awaited<ReturnType<typeof listAuthors>> | null;
  plan: Awaited<ReturnType<typeof getPlan>> | null;
  consents: Awaited<ReturnType<typeof listConsents>> | null;
  documents: Awaited<ReturnType<typeof listDocuments>> | null;
  minor: Awaited<ReturnType<typeof getMinor>> | null;
}
