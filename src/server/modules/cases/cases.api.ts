import { z } from 'zod';
import { caseSections, caseStages, closureOutcomes, riskLevels } from '../../../shared/cases.js';
import { authorFields, caseProfile, childFields, identity, safeContact } from './cases.schemas.js';

/** Output shapes of the cases API: the OpenAPI document, and the whitelist the serializer enforces. */

const named = z.object({ id: z.uuid(), name: z.string() });
const day = z.string();

export const caseTeamOut = z.array(
  z.object({
    userId: z.uuid(),
    displayName: z.string(),
    organisation: named,
    referente: z.boolean(),
    sections: z.array(z.string()),
    addedAt: z.date(),
  }),
);

export const caseOut = z.object({
  id: z.uuid(),
  code: z.string(),
  organisation: named,
  comune: z.object({ istatCode: z.string(), name: z.string(), provinceSigla: z.string() }).nullable(),
  network: named.nullable(),
  stage: z.enum(caseStages),
  contactOn: day,
  accoglienzaOn: day.nullable(),
  presaInCaricoOn: day.nullable(),
  closedOn: day.nullable(),
  closureOutcome: z.enum(closureOutcomes).nullable(),
  reopenedCount: z.number().int(),
  riskLevel: z.enum(riskLevels).nullable(),
  emergency: z.boolean(),
  lastContactAt: z.date().nullable(),
  /** Null when her access does not cover the section. */
  profile: caseProfile.nullable(),
  deadlines: z.array(z.object({ kind: z.string(), registeredOn: day, hearingBy: day, prosecutorBy: day, judgeBy: day })),
  identity: identity.nullable(),
  safeContact: safeContact.nullable(),
  stages: z.array(z.object({ stage: z.string(), on: day, outcome: z.string().nullable(), reopened: z.boolean() })),
  team: caseTeamOut,
  access: z.object({
    via: z.enum(['team', 'break_glass']),
    owner: z.boolean(),
    sections: z.array(z.enum(caseSections)),
    /** What the screens may offer, as the choke point decided. */
    acts: z.object({ editRecord: z.boolean(), changeStage: z.boolean(), manageConsents: z.boolean(), readBreakGlass: z.boolean() }),
  }),
  breakGlass: z.array(z.object({ displayName: z.string(), at: z.date(), expiresAt: z.date(), reason: z.string().nullable() })),
  counts: z.object({ events: z.number().nullable(), consents: z.number().nullable(), children: z.number().nullable(), authors: z.number().nullable() }),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const caseSummaryOut = z.object({
  id: z.uuid(),
  code: z.string(),
  stage: z.enum(caseStages),
  riskLevel: z.enum(riskLevels).nullable(),
  emergency: z.boolean(),
  contactOn: day,
  lastContactAt: z.date().nullable(),
  comune: z.object({ istatCode: z.string(), name: z.string() }).nullable(),
  /** Her first name, only where her access holds the identity section (the same decision as the detail). */
  alias: z.string().nullable(),
  onTeam: z.boolean(),
  /** The sections she holds on this case (none: a case of the head's caseload she has not opened). */
  sections: z.array(z.enum(caseSections)),
  referente: z.string().nullable(),
  team: z.array(z.string()),
  updatedAt: z.date(),
});

export const consentsOut = z.array(
  z.object({
    id: z.uuid(),
    purpose: z.string(),
    recipient: named.nullable(),
    sections: z.array(z.string()),
    channel: z.string().nullable(),
    givenOn: day,
    form: z.string(),
    expiresOn: day.nullable(),
    documentId: z.uuid().nullable(),
    recordedBy: z.string().nullable(),
    recordedAt: z.date(),
    revokedAt: z.date().nullable(),
    active: z.boolean(),
  }),
);

export const eventsOut = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      at: z.date(),
      channel: z.string(),
      type: z.string(),
      durationMinutes: z.number().nullable(),
      organisation: named,
      operator: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
});

const partBase = { id: z.uuid(), version: z.number().int(), createdAt: z.date() };
export const childrenOut = z.array(
  z.object({
    ...partBase,
    age: z.number().nullable(),
    livesWithMother: z.boolean().nullable(),
    witnessedViolence: z.boolean().nullable(),
    sufferedViolence: z.boolean().nullable(),
    custody: z.string().nullable(),
    needs: z.array(z.string()),
    details: childFields.shape.details.unwrap(),
  }),
);
export const authorsOut = z.array(
  z.object({
    ...partBase,
    relationship: z.string(),
    childrenInCommon: z.boolean().nullable(),
    weapons: z.boolean().nullable(),
    previousReports: z.boolean().nullable(),
    details: authorFields.shape.details.unwrap(),
  }),
);
export const savedPartOut = z.object({ id: z.uuid(), version: z.number().int() });

/** The access history of one case (audit rows, never values). */
export const caseAccessLogOut = z.object({
  items: z.array(
    z.object({
      at: z.date(),
      /** The audit action (`case.read`, `case.listed`, `case.update`, `access.denied`…). */
      action: z.string(),
      outcome: z.enum(['success', 'failure', 'denied']),
      purpose: z.string().nullable(),
      actor: z.string().nullable(),
      organisation: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
});
