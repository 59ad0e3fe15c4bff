import type {
  accessChannels,
  ageBands,
  authorRelationships,
  CaseSection,
  CaseStage,
  childNeeds,
  citizenships,
  ClosureOutcome,
  consentForms,
  contactChannels,
  custodyStatuses,
  educationLevels,
  employmentStatuses,
  eventChannels,
  eventTypes,
  fragilities,
  livingSituations,
  protectionMeasureTypes,
  reportKinds,
  RiskLevel,
  violenceDurations,
  violenceTypes,
} from '../../../shared/cases';

/**
 * Shapes of the cases API as the web app uses them
 * (src/server/modules/cases/cases.api.ts for answers, cases.schemas.ts for
 * inputs). Dates of a day are `YYYY-MM-DD`; instants are ISO strings.
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

export interface Named {
  id: string;
  name: string;
}

export interface Identity {
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  phones?: string[];
  email?: string;
  address?: string;
  documents?: { kind: string; number: string }[];
  notes?: string;
}

export interface SafeContact {
  channels: ContactChannel[];
  hours?: string;
  noMessages: boolean;
  codeWord?: string;
  safePerson?: { name: string; phone?: string; relation?: string };
  notes?: string;
}

export interface Report {
  kind: ReportKind;
  registeredOn: string;
  precautionaryRequestedOn?: string;
}

export interface ProtectionMeasure {
  type: ProtectionMeasureType;
  requestedOn?: string;
  grantedOn?: string;
}

export interface CaseProfile {
  ageBand?: Of<typeof ageBands>;
  citizenship?: Of<typeof citizenships>;
  country?: string;
  education?: Of<typeof educationLevels>;
  employment?: Of<typeof employmentStatuses>;
  living?: Of<typeof livingSituations>;
  fragilities: Of<typeof fragilities>[];
  violenceTypes: Of<typeof violenceTypes>[];
  authorRelationship?: AuthorRelationship;
  authorsCount?: number;
  violenceDuration?: Of<typeof violenceDurations>;
  helpSoughtBefore?: boolean;
  accessChannel?: AccessChannel;
  languages: string[];
  reports: Report[];
  protectionMeasures: ProtectionMeasure[];
}

export interface TeamMember {
  userId: string;
  displayName: string;
  organisation: Named;
  referente: boolean;
  sections: string[];
  addedAt: string;
}

/** Someone the head may add to the team; `sharedSections` null for her own staff (every section). */
export interface TeamCandidate {
  userId: string;
  displayName: string;
  organisation: Named;
  role: string;
  sharedSections: CaseSection[] | null;
}

export interface Deadline {
  kind: ReportKind;
  registeredOn: string;
  hearingBy: string;
  prosecutorBy: string;
  judgeBy: string;
}

export interface CaseRecord {
  id: string;
  code: string;
  organisation: Named;
  comune: { istatCode: string; name: string; provinceSigla: string } | null;
  network: Named | null;
  stage: CaseStage;
  contactOn: string;
  accoglienzaOn: string | null;
  presaInCaricoOn: string | null;
  closedOn: string | null;
  closureOutcome: ClosureOutcome | null;
  reopenedCount: number;
  riskLevel: RiskLevel | null;
  emergency: boolean;
  lastContactAt: string | null;
  /** Null when her access does not cover the section. */
  profile: CaseProfile | null;
  deadlines: Deadline[];
  identity: Identity | null;
  safeContact: SafeContact | null;
  stages: { stage: CaseStage; on: string; outcome: ClosureOutcome | null; reopened: boolean }[];
  team: TeamMember[];
  access: {
    via: 'team' | 'break_glass';
    owner: boolean;
    sections: CaseSection[];
    /** What the screen may offer, as the server's choke point decided. */
    acts: { editRecord: boolean; changeStage: boolean; manageConsents: boolean; readBreakGlass: boolean };
  };
  /** Openings by the head (last 90 days): for the owning organisation only (empty for a member of another organisation). */
  breakGlass: { displayName: string; at: string; expiresAt: string; reason: string | null }[];
  counts: { events: number | null; consents: number | null; children: number | null; authors: number | null };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseSummary {
  id: string;
  code: string;
  stage: CaseStage;
  riskLevel: RiskLevel | null;
  emergency: boolean;
  contactOn: string;
  lastContactAt: string | null;
  comune: { istatCode: string; name: string } | null;
  /** Her first name, only where she holds the identity section. */
  alias: string | null;
  onTeam: boolean;
  sections: CaseSection[];
  referente: string | null;
  team: string[];
  updatedAt: string;
}

export interface CaseloadQuery {
  page: number;
  pageSize: number;
  stage?: CaseStage | undefined;
  riskLevel?: RiskLevel | undefined;
  mine?: boolean | undefined;
  code?: string | undefined;
  staleDays?: number | undefined;
}

export interface CaseCreate {
  contactOn: string;
  accessChannel?: AccessChannel;
  emergency: boolean;
  comuneCode?: string;
  identity?: Identity;
  safeContact?: SafeContact;
  firstEvent?: { channel: EventChannel; type?: EventType; durationMinutes?: number; notes?: string };
}

/** PATCH: whole groups are replaced; null clears one. */
export interface CasePatch {
  emergency?: boolean;
  comuneCode?: string | null;
  riskLevel?: RiskLevel | null;
  identity?: Identity | null;
  safeContact?: SafeContact | null;
  profile?: CaseProfile;
}

export type StageChange = { stage: 'accoglienza' | 'presa_in_carico'; on: string } | { stage: 'concluso'; on: string; outcome: ClosureOutcome };

/** One row of a case's access history (audit actions and outcomes are codes; no value of the case). */
export interface AccessLogEntry {
  at: string;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  purpose: string | null;
  actor: string | null;
  organisation: string | null;
}
