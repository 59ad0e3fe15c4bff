import { caseCodeLabel, caseCodeLists, isCaseCode, type CaseCodeKind, type CaseCodeOf } from '../../../shared/cases.labels';
import { useLabels } from '../../ui/labels';

/**
 * Every code of the pathway (src/shared/cases.ts) by kind; their labels
 * live in src/shared/cases.labels.ts, shared with the server's printouts.
 */
export const codeLists = caseCodeLists;

export type CodeKind = CaseCodeKind;
export type CodeOf<K extends CodeKind> = CaseCodeOf<K>;

/** Labels and select options of the pathway's codes, in the UI language. */
export function useCaseLabels() {
  const { lang } = useLabels();
  const label = <K extends CodeKind>(kind: K, value: CodeOf<K>): string => caseCodeLabel(kind, value, lang);
  const options = <K extends CodeKind>(kind: K, only?: readonly CodeOf<K>[]) =>
    (only ?? (codeLists[kind] as readonly CodeOf<K>[])).map((value) => ({ value, label: label(kind, value) }));
  return { lang, label, options };
}

export const isCode = isCaseCode;
