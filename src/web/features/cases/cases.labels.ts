import { useTranslation } from 'react-i18next';
import {
  accessChannels,
  actionStatuses,
  ageBands,
  authorRelationships,
  caseSections,
  caseStages,
  childNeeds,
  citizenships,
  closureOutcomes,
  consentForms,
  consentPurposes,
  contactChannels,
  custodyStatuses,
  documentKinds,
  educationLevels,
  employmentStatuses,
  eventChannels,
  eventTypes,
  fragilities,
  goalStatuses,
  livingSituations,
  planActionTypes,
  planAreas,
  protectionMeasureTypes,
  reportKinds,
  riskLevels,
  violenceDurations,
  violenceTypes,
} from '../../../shared/cases';
import type it from '../../i18n/it.json';
import { useLabels } from '../../ui/labels';

/**
 * Every code of the pathway (src/shared/cases.ts) and where its label lives
 * in the translations (`cases.codes.<kind>.<code>`).
 */
export const codeLists = {
  stage: caseStages,
  outcome: closureOutcomes,
  risk: riskLevels,
  ageBand: ageBands,
  citizenship: citizenships,
  education: educationLevels,
  employment: employmentStatuses,
  living: livingSituations,
  fragility: fragilities,
  violence: violenceTypes,
  relationship: authorRelationships,
  duration: violenceDurations,
  accessChannel: accessChannels,
  protection: protectionMeasureTypes,
  report: reportKinds,
  section: caseSections,
  purpose: consentPurposes,
  form: consentForms,
  contactChannel: contactChannels,
  /** The channel inside a sentence: "per telefono", "via SMS". */
  contactVia: contactChannels,
  eventChannel: eventChannels,
  eventType: eventTypes,
  childNeed: childNeeds,
  custody: custodyStatuses,
  planArea: planAreas,
  goalStatus: goalStatuses,
  /** The closed list: no mediation type exists (Istanbul Convention art. 48). */
  actionType: planActionTypes,
  actionStatus: actionStatuses,
  documentKind: documentKinds,
} as const;

export type CodeKind = keyof typeof codeLists;
export type CodeOf<K extends CodeKind> = (typeof codeLists)[K][number];

/**
 * Compile-time check that the Italian file labels every code of every kind
 * (and, through completeness.ts, so does the English one): a code added to
 * src/shared/cases.ts without its label makes `tsc` fail here.
 */
type Labels = typeof it.cases.codes;
type Covered = { [K in CodeKind]: [CodeOf<K>] extends [keyof Labels[K]] ? true : false }[CodeKind];
export const codeLabelsComplete: Covered extends true ? true : false = true;

/** Labels and select options of the pathway's codes, in the UI language. */
export function useCaseLabels() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  // The key is built from a checked kind and code (see codeLabelsComplete), so a plain string lookup is safe.
  const lookup = t as unknown as (key: string) => string;
  const label = <K extends CodeKind>(kind: K, value: CodeOf<K>): string => lookup(`cases.codes.${kind}.${value}`);
  const options = <K extends CodeKind>(kind: K, only?: readonly CodeOf<K>[]) =>
    (only ?? (codeLists[kind] as readonly CodeOf<K>[])).map((value) => ({ value, label: label(kind, value) }));
  return { lang, label, options };
}

export function isCode<K extends CodeKind>(kind: K, value: string): value is CodeOf<K> {
  return (codeLists[kind] as readonly string[]).includes(value);
}
