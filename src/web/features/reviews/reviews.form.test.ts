// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { actionCreate, itemCreate, reviewCreate, reviewPatch } from '../../../shared/reviews.api';
import { problemType } from '../../../shared/problems';
import { ApiError } from '../../api/client';
import { serverIssues } from '../../ui/form';
import { actionForm, bringCaseForm, createReviewForm, emptyAction, emptyBringCase, emptyCreateReview, manageReviewForm } from './reviews.form';

const NETWORK = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-000000000002';
const CASE = '00000000-0000-4000-8000-000000000003';
const ITEM = '00000000-0000-4000-8000-000000000004';

/**
 * Each issue as `path code`, a refinement's code being its message (as the
 * server's field errors say it). An empty field is absent (`blank`): Zod says
 * invalid_type, which the form words as `required` (src/web/ui/form.ts).
 */
const codes = (r: z.ZodSafeParseResult<unknown>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' ? i.message : i.code}`).sort());
/** The paths the client refuses and the paths the server's schema refuses, for the same body. */
const paths = (r: z.ZodSafeParseResult<unknown>) => (r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))].sort());

describe('calling a review', () => {
  it('says which required fields are empty (a network and a day), and sends what the API takes', () => {
    expect(codes(createReviewForm.safeParse(emptyCreateReview()))).toEqual(['heldOn invalid_type', 'networkId invalid_type']);
    const out = createReviewForm.parse({ ...emptyCreateReview(NETWORK), heldOn: '2026-12-10', place: '   ', participantOrganisationIds: [ORG] });
    expect(out).toEqual({ networkId: NETWORK, heldOn: '2026-12-10', mode: 'in_presenza', place: null, chairOrganisationId: null, participantOrganisationIds: [ORG] });
    expect(reviewCreate.safeParse(out).success).toBe(true);
  });

  it('refuses what the server refuses: a day that does not exist, a place too long', () => {
    for (const heldOn of ['2026-02-30', '10/12/2026', '2026-13-01']) {
      const values = { ...emptyCreateReview(NETWORK), heldOn };
      expect(codes(createReviewForm.safeParse(values))).toEqual(['heldOn invalid_format']);
      expect(paths(reviewCreate.safeParse({ ...values, place: null }))).toEqual(['heldOn']);
    }
    const long = { ...emptyCreateReview(NETWORK), heldOn: '2026-12-10', place: 'x'.repeat(201) };
    expect(codes(createReviewForm.safeParse(long))).toEqual(['place too_big']);
    expect(paths(reviewCreate.safeParse(long))).toEqual(['place']);
    expect(createReviewForm.safeParse({ ...long, place: 'x'.repeat(200) }).success).toBe(true);
  });
});

describe('changing a review', () => {
  const values = { heldOn: '2026-12-10', mode: 'online' as const, status: 'held' as const, place: 'Sala 2', minutes: 'Verbale (prova)', participantOrganisationIds: [ORG] };

  it('clears an emptied place or minutes (null), and never leaves the day out', () => {
    expect(manageReviewForm.parse({ ...values, place: ' ', minutes: '' })).toEqual({ ...values, place: null, minutes: null });
    expect(codes(manageReviewForm.safeParse({ ...values, heldOn: '' }))).toEqual(['heldOn invalid_type']);
    expect(reviewPatch.safeParse(manageReviewForm.parse(values)).success).toBe(true);
  });

  it('refuses minutes past the server’s limit, as the server does', () => {
    const long = { ...values, minutes: 'x'.repeat(20_001) };
    expect(codes(manageReviewForm.safeParse(long))).toEqual(['minutes too_big']);
    expect(paths(reviewPatch.safeParse(long))).toEqual(['minutes']);
    expect(manageReviewForm.safeParse({ ...values, minutes: 'x'.repeat(20_000) }).success).toBe(true);
  });
});

describe('bringing a case to the agenda', () => {
  it('says every empty required field at once', () => {
    expect(codes(bringCaseForm.safeParse(emptyBringCase(null)))).toEqual(['brief invalid_type', 'caseId invalid_type']);
  });

  it('needs a legal basis and a reason when she is shared without her consent, with the other fields’ errors', () => {
    const values = { ...emptyBringCase(null), basis: 'tutela_vita' as const };
    expect(codes(bringCaseForm.safeParse(values))).toEqual(['brief invalid_type', 'caseId invalid_type', 'legalBasis required', 'reason required']);
    const filled = { ...values, caseId: CASE, brief: 'Rischio elevato (prova)' };
    expect(codes(bringCaseForm.safeParse(filled))).toEqual(['legalBasis required', 'reason required']);
    // The server refuses the same body on the same fields with the same code.
    expect(codes(itemCreate.safeParse({ ...filled, legalBasis: null, reason: null }))).toEqual(['legalBasis required', 'reason required']);
    const out = bringCaseForm.parse({ ...filled, legalBasis: 'interessi_vitali', reason: 'Minaccia imminente (prova)' });
    expect(itemCreate.parse(out)).toEqual(out);
  });

  it('sends no legal basis or reason on her consent, and refuses a blank or too long brief', () => {
    const out = bringCaseForm.parse({ ...emptyBringCase(CASE), brief: ' Sintesi (prova) ' });
    expect(out).toEqual({ caseId: CASE, basis: 'consenso', legalBasis: null, reason: null, brief: 'Sintesi (prova)' });
    expect(itemCreate.parse(out)).toEqual(out);
    expect(codes(bringCaseForm.safeParse({ ...emptyBringCase(CASE), brief: '   ' }))).toEqual(['brief invalid_type']);
    const long = { ...emptyBringCase(CASE), brief: 'x'.repeat(2001) };
    expect(codes(bringCaseForm.safeParse(long))).toEqual(['brief too_big']);
    expect(paths(itemCreate.safeParse({ ...long, legalBasis: null, reason: null }))).toEqual(['brief']);
  });

  it('leaves a NUL byte to the server’s edge check, whose pointer names the field', () => {
    // The shared schema takes any string: the server's text check refuses control characters on every route.
    const values = { ...emptyBringCase(CASE), brief: 'a\u0000b' };
    expect(bringCaseForm.safeParse(values).success).toBe(itemCreate.safeParse({ ...values, legalBasis: null, reason: null }).success);
    const refused = new ApiError({ type: problemType('validation_failed'), title: 'validation_failed', status: 400, code: 'validation_failed', errors: [{ pointer: '/body/brief', code: 'invalid_text', detail: 'invalid_text' }] });
    expect(serverIssues(refused)).toEqual({ brief: { code: 'invalid_text', params: undefined } });
  });
});

describe('recording an action', () => {
  it('needs its text and owner; a due day and an item only when given', () => {
    expect(codes(actionForm.safeParse(emptyAction()))).toEqual(['ownerOrganisationId invalid_type', 'text invalid_type']);
    const out = actionForm.parse({ ...emptyAction(), text: 'Verificare un posto (prova)', ownerOrganisationId: ORG });
    expect(out).toEqual({ text: 'Verificare un posto (prova)', ownerOrganisationId: ORG, dueOn: null, itemId: null });
    expect(actionCreate.parse(out)).toEqual(out);
    expect(actionForm.parse({ ...emptyAction(), text: 'x', ownerOrganisationId: ORG, dueOn: '2026-12-31', itemId: ITEM })).toMatchObject({ dueOn: '2026-12-31', itemId: ITEM });
  });

  it('refuses a bad day and a text too long, as the server does', () => {
    const bad = { ...emptyAction(), text: 'x'.repeat(2001), ownerOrganisationId: ORG, dueOn: '2026-02-29' };
    expect(codes(actionForm.safeParse(bad))).toEqual(['dueOn invalid_format', 'text too_big']);
    expect(paths(actionCreate.safeParse({ ...bad, itemId: null }))).toEqual(['dueOn', 'text']);
  });
});
