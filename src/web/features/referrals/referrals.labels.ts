import { referralCodeLabels, referralCodeLists, type ReferralCodeKind, type ReferralCodeOf } from '../../../shared/referrals.labels';
import { useLabels } from '../../ui/labels';

/** Labels and select options of the referral codes (src/shared/referrals.labels.ts), in the UI language. */
export function useReferralLabels() {
  const { lang } = useLabels();
  const label = <K extends ReferralCodeKind>(kind: K, value: ReferralCodeOf<K>): string => (referralCodeLabels[kind] as Record<string, Record<'it' | 'en', string>>)[value]![lang];
  const options = <K extends ReferralCodeKind>(kind: K, only?: readonly ReferralCodeOf<K>[]) =>
    (only ?? (referralCodeLists[kind] as readonly ReferralCodeOf<K>[])).map((value) => ({ value, label: label(kind, value) }));
  return { lang, label, options };
}

/** A value of the address that is one of the kind's codes (anything else is ignored, never sent). */
export function isReferralCode<K extends ReferralCodeKind>(kind: K, value: string | null): value is ReferralCodeOf<K> {
  return value !== null && (referralCodeLists[kind] as readonly string[]).includes(value);
}
