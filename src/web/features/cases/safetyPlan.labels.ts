import { safetyPlanCodeLabel, safetyPlanCodeLists, type SafetyPlanCodeKind, type SafetyPlanCodeOf } from '../../../shared/safety-plan.labels';
import { useLabels } from '../../ui/labels';

/** Labels and options of the safety plan's codes (src/shared/safety-plan.labels.ts) in the UI language. */
export function useSafetyPlanLabels() {
  const { lang } = useLabels();
  const label = <K extends SafetyPlanCodeKind>(kind: K, value: SafetyPlanCodeOf<K>): string => safetyPlanCodeLabel(kind, value, lang);
  const options = <K extends SafetyPlanCodeKind>(kind: K) => (safetyPlanCodeLists[kind] as readonly SafetyPlanCodeOf<K>[]).map((value) => ({ value, label: label(kind, value) }));
  return { lang, label, options };
}
