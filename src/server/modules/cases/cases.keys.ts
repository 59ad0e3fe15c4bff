import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { caseAuthors, caseBreakGlass, caseChildren, caseDocuments, caseEvents, cases } from './cases.tables.js';
import type { SealedField } from './cases.seal.js';
import { caseMeetings, planActions, planGoals, planReviews } from './plan.tables.js';
import { safetyPlanVersions } from './safety-plan.tables.js';
// The risk module's table through the schema, not its index: the index loads its service, which needs this module.
import { riskAssessments } from '../../schema.js';

/** One sealed column of the case's data: where it lives, its record id and its case. */
export interface SealedColumn {
  field: SealedField;
  table: PgTable;
  id: AnyPgColumn;
  caseId: AnyPgColumn;
  sealed: AnyPgColumn;
}

/**
 * Every column holding a case's sealed data, each with the field its
 * ciphertexts are bound to. A new sealed field must be listed here: the
 * data step (cases.rekey.ts) and the erasure (cases.shred.ts) read it, and
 * a test checks that every SealedField is covered.
 */
export const sealedColumns: readonly SealedColumn[] = [
  { field: 'case.identity', table: cases, id: cases.id, caseId: cases.id, sealed: cases.identitySealed },
  { field: 'case.safe_contact', table: cases, id: cases.id, caseId: cases.id, sealed: cases.safeContactSealed },
  { field: 'case_event.notes', table: caseEvents, id: caseEvents.id, caseId: caseEvents.caseId, sealed: caseEvents.notesSealed },
  { field: 'case_child.details', table: caseChildren, id: caseChildren.id, caseId: caseChildren.caseId, sealed: caseChildren.detailsSealed },
  { field: 'case_author.details', table: caseAuthors, id: caseAuthors.id, caseId: caseAuthors.caseId, sealed: caseAuthors.detailsSealed },
  { field: 'case_break_glass.reason', table: caseBreakGlass, id: caseBreakGlass.id, caseId: caseBreakGlass.caseId, sealed: caseBreakGlass.reasonSealed },
  { field: 'plan_goal.description', table: planGoals, id: planGoals.id, caseId: planGoals.caseId, sealed: planGoals.descriptionSealed },
  { field: 'plan_action.description', table: planActions, id: planActions.id, caseId: planActions.caseId, sealed: planActions.descriptionSealed },
  { field: 'plan_review.notes', table: planReviews, id: planReviews.id, caseId: planReviews.caseId, sealed: planReviews.notesSealed },
  { field: 'case_meeting.minutes', table: caseMeetings, id: caseMeetings.id, caseId: caseMeetings.caseId, sealed: caseMeetings.minutesSealed },
  { field: 'case_document.name', table: caseDocuments, id: caseDocuments.id, caseId: caseDocuments.caseId, sealed: caseDocuments.nameSealed },
  { field: 'case_document.content', table: caseDocuments, id: caseDocuments.id, caseId: caseDocuments.caseId, sealed: caseDocuments.contentSealed },
  { field: 'safety_plan.content', table: safetyPlanVersions, id: safetyPlanVersions.id, caseId: safetyPlanVersions.caseId, sealed: safetyPlanVersions.contentSealed },
  { field: 'risk_assessment.answers', table: riskAssessments, id: riskAssessments.id, caseId: riskAssessments.caseId, sealed: riskAssessments.answersSealed },
  { field: 'risk_assessment.reason', table: riskAssessments, id: riskAssessments.id, caseId: riskAssessments.caseId, sealed: riskAssessments.reasonSealed },
];
