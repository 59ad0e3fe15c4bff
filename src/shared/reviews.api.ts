import { z } from 'zod';
import { actionStatuses, riskLevels } from './cases.js';
import { isoDate } from './cases.api.js';

/**
 * Multi-agency case reviews (MARAC-like, docs/reviews.md), shared by the
 * server and the web. A network's periodic meeting on its high-risk cases:
 * participants are organisations, each case on the agenda is brought by the
 * organisation that owns it with the minimum information the others see.
 */

export const reviewStatuses = ['planned', 'held', 'closed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewModes = ['in_presenza', 'online', 'mista'] as const;

/**
 * Why a case may be shared with the review's participants:
 * `consenso` — she agreed to share with every participant organisation (a
 * live `condivisione` consent naming each one); `tutela_vita` — without her
 * consent, to protect her life or safety, on a recorded legal basis and a
 * reason (sealed, audited).
 */
export const reviewSharingBases = ['consenso', 'tutela_vita'] as const;
/**
 * The legal bases for sharing to protect life (GDPR): `interessi_vitali`
 * (art. 6.1.d and 9.2.c: her vital interests, when she cannot give
 * consent); `interesse_pubblico_rilevante` (art. 9.2.g with art. 2-sexies
 * Codice privacy: the network's protocol against gender-based violence).
 */
export const reviewLegalBases = ['interessi_vitali', 'interesse_pubblico_rilevante'] as const;

/** Actions decided at a review take the plan's statuses. */
export const reviewActionStatuses = actionStatuses;
export const openActionStatuses = ['prevista', 'in_corso'] as const;

/** At most this many participant organisations, agenda items and actions in one review. */
export const REVIEW_MAX_PARTICIPANTS = 40;
export const REVIEW_MAX_ITEMS = 60;

const text = (max: number) => z.string().trim().min(1).max(max);

export const idParams = z.object({ id: z.uuid() });
export const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });

export const reviewsQuery = z.object({ status: z.enum(reviewStatuses).optional() });

/** A new review: the network's coordinator, for a network her organisation leads. */
export const reviewCreate = z
  .object({
    networkId: z.uuid(),
    heldOn: isoDate,
    mode: z.enum(reviewModes),
    place: text(200).nullable().default(null),
    /** The organisation that chairs it (its head manages the review too); none: the capofila. */
    chairOrganisationId: z.uuid().nullable().default(null),
    participantOrganisationIds: z.array(z.uuid()).max(REVIEW_MAX_PARTICIPANTS).default([]),
  })
  .strict();
export type ReviewCreate = z.infer<typeof reviewCreate>;

/** A change of the review (If-Match): date, place, participants, status, minutes. Each field optional. */
export const reviewPatch = z
  .object({
    heldOn: isoDate,
    mode: z.enum(reviewModes),
    place: text(200).nullable(),
    status: z.enum(reviewStatuses),
    participantOrganisationIds: z.array(z.uuid()).max(REVIEW_MAX_PARTICIPANTS),
    /** Sealed at rest; null clears them. */
    minutes: text(20_000).nullable(),
  })
  .partial()
  .strict();
export type ReviewPatch = z.infer<typeof reviewPatch>;

/** The brief the bringing organisation writes: the only thing of the case the participants read (with its code and risk level). */
export const briefText = text(2000);

/** A case brought to the agenda by its owning organisation: its fields (the form checks them as the server does). */
export const itemFields = z
  .object({
    caseId: z.uuid(),
    basis: z.enum(reviewSharingBases),
    legalBasis: z.enum(reviewLegalBases).nullable().default(null),
    /** Why sharing without her consent protects her life: required with `tutela_vita`, sealed. */
    reason: text(2000).nullable().default(null),
    brief: briefText,
  })
  .strict();

/**
 * Sharing without her consent (`tutela_vita`) needs a legal basis and a
 * reason: the API's check, and the form's on its own fields (`when` lets
 * the form say it with the other fields' errors).
 */
export const sharingBasisRequired = <S extends z.ZodType<{ basis: string; legalBasis: string | null; reason: string | null }>>(
  schema: S,
  options: { when?: () => boolean } = {},
) =>
  schema
    .refine((b) => b.basis !== 'tutela_vita' || b.legalBasis !== null, { path: ['legalBasis'], message: 'required', ...options })
    .refine((b) => b.basis !== 'tutela_vita' || b.reason !== null, { path: ['reason'], message: 'required', ...options });

export const itemCreate = sharingBasisRequired(itemFields);
export type ItemCreate = z.infer<typeof itemCreate>;

/** The brief changed by the bringing organisation (If-Match on the item's version). */
export const itemPatch = z.object({ brief: briefText }).strict();
export type ItemPatch = z.infer<typeof itemPatch>;

/** An action decided at the review. */
export const actionCreate = z
  .object({
    text: text(2000),
    ownerOrganisationId: z.uuid(),
    dueOn: isoDate.nullable().default(null),
    /** The agenda item it is about, if any (its case code is shown with it). */
    itemId: z.uuid().nullable().default(null),
  })
  .strict();
export type ActionCreate = z.infer<typeof actionCreate>;

/** Its status, recorded by the owner organisation or the review's managers (If-Match). */
export const actionPatch = z.object({ status: z.enum(reviewActionStatuses) }).strict();
export type ActionPatch = z.infer<typeof actionPatch>;

/** Output shapes. */

/** A case brought or an action recorded: its id. */
export const reviewCreatedOut = z.object({ id: z.uuid() });
/** A brief or an action's status saved: its id and new version (the next If-Match). */
export const reviewSavedOut = z.object({ id: z.uuid(), version: z.number().int() });

const named = z.object({ id: z.uuid(), name: z.string() });

export const reviewListItem = z.object({
  id: z.uuid(),
  network: named,
  heldOn: z.string(),
  mode: z.enum(reviewModes),
  place: z.string().nullable(),
  status: z.enum(reviewStatuses),
  chair: named,
  items: z.number().int(),
  openActions: z.number().int(),
  /** She may change it (the coordinator of the network's capofila, the chair's head). */
  manage: z.boolean(),
});
export const reviewsOut = z.object({ items: z.array(reviewListItem) });

export const reviewItemOut = z.object({
  id: z.uuid(),
  /** Null where her organisation may not read the brief (no consent names it). */
  caseCode: z.string().nullable(),
  /** The case's risk level as the bringing organisation shared it. */
  riskLevel: z.enum(riskLevels).nullable(),
  broughtBy: named,
  basis: z.enum(reviewSharingBases),
  legalBasis: z.enum(reviewLegalBases).nullable(),
  /** Null when the case was erased, or (shared on consent) the consent no longer covers her organisation. */
  brief: z.string().nullable(),
  /** Her organisation brought it: she may change the brief, and she sees the reason for sharing without consent. */
  own: z.boolean(),
  reason: z.string().nullable(),
  /** The case, when she may open it anyway (on its team): the review itself never opens it. */
  caseId: z.uuid().nullable(),
  version: z.number().int(),
});

export const reviewActionOut = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  reviewHeldOn: z.string(),
  text: z.string().nullable(),
  owner: named,
  dueOn: z.string().nullable(),
  status: z.enum(reviewActionStatuses),
  itemId: z.uuid().nullable(),
  caseCode: z.string().nullable(),
  /** The case, only when she may open it (on its team). */
  caseId: z.uuid().nullable(),
  /** She may record its status. */
  update: z.boolean(),
  version: z.number().int(),
});

export const reviewOut = reviewListItem.extend({
  participants: z.array(named),
  minutes: z.string().nullable(),
  agenda: z.array(reviewItemOut),
  /** This review's actions, the open ones first. */
  actions: z.array(reviewActionOut),
  /** Actions of the network's earlier reviews still open: the next review starts from them. */
  carriedActions: z.array(reviewActionOut),
  /** The network's member organisations that may take part (never a CUAV), for the managers' form. */
  eligible: z.array(named),
  version: z.number().int(),
});

/** The review actions her organisation owns that are still open, the overdue first. */
export const reviewTasksOut = z.object({ items: z.array(reviewActionOut) });

/** Networks where she may call a review (she coordinates their capofila). */
export const reviewNetworksOut = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), members: z.array(named) })) });
