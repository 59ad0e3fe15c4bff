import { shelterCodeLabels, shelterCodeLists, type ShelterCodeKind, type ShelterCodeOf } from '../../../../shared/shelters.labels';
import { useLabels } from '../../../ui/labels';

/** Labels and select options of the shelters codes (src/shared/shelters.labels.ts), in the UI language. */
export function useShelterLabels() {
  const { lang } = useLabels();
  const label = <K extends ShelterCodeKind>(kind: K, value: ShelterCodeOf<K>): string => (shelterCodeLabels[kind] as Record<string, Record<'it' | 'en', string>>)[value]![lang];
  const options = <K extends ShelterCodeKind>(kind: K, only?: readonly ShelterCodeOf<K>[]) =>
    (only ?? (shelterCodeLists[kind] as readonly ShelterCodeOf<K>[])).map((value) => ({ value, label: label(kind, value) }));
  return { lang, label, options };
}

/** A value of the address that is one of the kind's codes (anything else is ignored, never sent). */
export function isShelterCode<K extends ShelterCodeKind>(kind: K, value: string | null): value is ShelterCodeOf<K> {
  return value !== null && (shelterCodeLists[kind] as readonly string[]).includes(value);
}
