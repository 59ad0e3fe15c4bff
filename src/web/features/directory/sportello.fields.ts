import { useTranslation } from 'react-i18next';
import type { FormField } from '../../ui/form';
import type { ClosureDraft } from './sportello.form';

type Key =
  | 'organisationId'
  | 'name'
  | 'visibility'
  | 'address'
  | 'comuneCode'
  | 'lat'
  | 'lon'
  | 'phones'
  | 'email'
  | 'transferPhone'
  | 'openingHours'
  | 'phoneHours'
  | 'h24'
  | 'closures'
  | 'languages'
  | 'services'
  | 'accessibility'
  | 'notes';

const ids: Record<Key, string> = {
  organisationId: 'sportello-organisation',
  name: 'sportello-name',
  visibility: 'sportello-visibility-public',
  address: 'sportello-address',
  comuneCode: 'sportello-comune',
  lat: 'sportello-lat',
  lon: 'sportello-lon',
  phones: 'sportello-phone-0',
  email: 'sportello-email',
  transferPhone: 'sportello-transfer',
  openingHours: 'sportello-opening',
  phoneHours: 'sportello-phone-hours',
  h24: 'sportello-h24',
  closures: 'sportello-closures',
  languages: 'sportello-languages',
  services: 'sportello-services',
  accessibility: 'sportello-accessibility',
  notes: 'sportello-notes',
};

/** The label of each field, under `directory.fields` (where it differs from the request path). */
const labelKey = {
  organisationId: 'organisation',
  name: 'name',
  visibility: 'visibility',
  address: 'address',
  comuneCode: 'comune',
  lat: 'lat',
  lon: 'lon',
  phones: 'phones',
  email: 'email',
  transferPhone: 'transferPhone',
  openingHours: 'openingHours',
  phoneHours: 'phoneHours',
  h24: 'h24',
  languages: 'languages',
  services: 'services',
  accessibility: 'accessibility',
  notes: 'notes',
} as const satisfies Record<Exclude<Key, 'closures'>, string>;

const closureParts = ['day', 'month', 'from', 'to', 'label'] as const;

/**
 * The sportello form's fields by request path (element id and label), for
 * its messages and error summary. Phones: the request holds the filled-in
 * inputs only, so `phones.k` is the k-th input that is not empty.
 */
export function useSportelloFields(phones: string[], closures: ClosureDraft[]) {
  const { t } = useTranslation();
  const fields: Record<Key, FormField> & Record<string, FormField> = Object.fromEntries(
    (Object.keys(ids) as Key[]).map((key) => [key, { id: ids[key], label: key === 'closures' ? t('directory.closures.legend') : t(`directory.fields.${labelKey[key]}`) }]),
  ) as Record<Key, FormField>;
  const filled = phones.flatMap((p, i) => (p.trim() ? [i] : []));
  filled.forEach((input, k) => (fields[`phones.${k}`] = { id: `sportello-phone-${input}`, label: t('directory.phones.n', { n: input + 1 }) }));
  closures.forEach((c, i) => {
    const title = t(c.kind === 'annual' ? 'directory.closures.annualN' : 'directory.closures.onceN', { n: i + 1 });
    for (const part of closureParts) fields[`closures.${i}.${part}`] = { id: `closure-${i}-${part}`, label: `${title}, ${t(`directory.closures.${part}`)}` };
  });
  /** The request path of the error shown under a phone input. */
  const phoneAt = (input: number) => {
    const k = filled.indexOf(input);
    return k < 0 ? `phones.none` : `phones.${k}`;
  };
  return { fields, phoneAt };
}
