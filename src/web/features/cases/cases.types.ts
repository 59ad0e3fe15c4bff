import type { z } from 'zod';
import type {
  accessChannels,
  authorRelationships,
  childNeeds,
  consentForms,
  contactChannels,
  custodyStatuses,
  eventChannels,
  eventTypes,
  protectionMeasureTypes,
  reportKinds,
  CaseStage,
  RiskLevel,
} from '../../../shared/cases';
import type { caseAccessLogOut, caseCreate, caseOut, casePatch, caseProfile, caseSummaryOut, identity, safeContact, stageChange, teamCandidatesOut, CaseloadSort } from '../../../shared/cases.api';
import type { Json } from '../../../shared/json';
import type { WorkloadFilters } from '../../../shared/tasks.api';

/**
 * Shapes of the cases API as the web app uses them, derived from the shared
 * schemas (src/shared/cases.api.ts): request bodies are their `z.input`,
 * answers the JSON form of their `z.output` (instants as ISO strings; days
 * are `YYYY-MM-DD`).
 */

type Of<T extends readonly string[]> = T[number];
export type AccessChannel = Of<typeof accessChannels>;
export type ContactChannel = Of<typeof contactChannels>;
export type EventChannel = Of<typeof eventChannels>;
export type EventType = Of<typeof eventTypes>;
export type ConsentForm = Of<typeof consentForms>;
export type ReportKind = Of<typeof reportKinds>;
export type ProtectionMeasureType = Of<typeof protectionMeasureTypes>;
export type AuthorRelationship = Of<typeof authorRelationships>;
export type CustodyStatus = Of<typeof custodyStatuses>;
export type ChildNeed = Of<typeof childNeeds>;

/** An answer of the server, as JSON. */
type Out<S extends z.ZodType> = Json<z.output<S>>;

export type CaseRecord = Out<typeof caseOut>;
export type CaseSummary = Out<typeof caseSummaryOut>;
export type Named = CaseRecord['organisation'];
/** The groups as the server returns them (and as a PATCH may send them back whole). */
export type Identity = Out<typeof identity>;
export type SafeContact = Out<typeof safeContact>;
export type CaseProfile = Out<typeof caseProfile>;
export type Report = CaseProfile['reports'][number];
export type ProtectionMeasure = CaseProfile['protectionMeasures'][number];
export type TeamMember = CaseRecord['team'][number];
export type Deadline = CaseRecord['deadlines'][number];
/** One row of a case's access history (audit actions and outcomes are codes; no value of the case). */
export type AccessLogEntry = Out<typeof caseAccessLogOut>['items'][number];

export type CaseCreate = z.input<typeof caseCreate>;
/** PATCH: whole groups are replaced; null clears one. */
export type CasePatch = z.input<typeof casePatch>;
export type StageChange = z.input<typeof stageChange>;

/** Someone the head may add to the team; `sharedSections` null for her own staff (every section). */
export type TeamCandidate = z.output<typeof teamCandidatesOut>[number];

/** The caseload's query: its own filters, and those the head's workload links to. */
export interface CaseloadQuery extends WorkloadFilters {
  page: number;
  pageSize: number;
  stage?: CaseStage | undefined;
  riskLevel?: RiskLevel | undefined;
  mine?: boolean | undefined;
  code?: string | undefined;
  staleDays?: number | undefined;
  sort?: CaseloadSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

