import { useTranslation } from 'react-i18next';
import type { AccessibilityFeature, AlboStatus, DirectoryService, Visibility } from '../../../shared/directory';
import { organisationTypes, type OrganisationType } from '../../../shared/domain';
import { scheduleText } from '../../../shared/hours-text';
import type { WeeklySchedule } from '../../../shared/schedule';
import { formatDate } from '../../ui/format';
import { useLabels } from '../../ui/labels';

/**
 * The history in words: the server sends what was stored (codes, ids, ISO
 * dates) and the names of the ids it lets this viewer see; this turns field
 * names and values into the interface's language.
 */

/** Field names the history may carry, translated; an unknown one is shown as it is. */
const knownFields = [
  'name', 'visibility', 'address', 'comuneCode', 'lat', 'lon', 'phones', 'email', 'transferPhone', 'openingHours', 'phoneHours', 'h24', 'closures',
  'languages', 'services', 'accessibility', 'notes', 'organisationId', 'organisation', 'legalName', 'albo', 'alboStatus', 'alboDate', 'phone', 'website', 'comuni',
  'referentSportelloId', 'referent', 'referentOverrides', 'externalId', 'type', 'capofila', 'networks', 'lineLinkedEmergencyRoom', 'lineLinkedPolice', 'womenOnlyStaff',
] as const;
type KnownField = (typeof knownFields)[number];
const isKnownField = (f: string): f is KnownField => (knownFields as readonly string[]).includes(f);

/** Fields whose values are ids or ISTAT codes, shown by name. */
const NAMED = new Set(['referent', 'referentSportelloId', 'capofila', 'organisationId', 'organisation', 'networks', 'comuni', 'comuneCode']);
/** Referenced sportelli: one the viewer may not see has no name here, and says so. */
const SPORTELLO = new Set(['referent', 'referentSportelloId']);

type Closure = { kind: string; day?: number; month?: number; from?: string; to?: string; label: string };
const isClosure = (v: unknown): v is Closure => typeof v === 'object' && v !== null && 'kind' in v && 'label' in v;
const isOverride = (v: unknown): v is { comune: string; referent?: string; sportelloId?: string } => typeof v === 'object' && v !== null && 'comune' in v;

export function useHistoryText(names: Record<string, string>) {
  const { t } = useTranslation();
  const { lang, organisationType } = useLabels();
  const languageNames = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const dayMonth = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const unseen = t('directory.history.notVisible');

  const closure = (c: Closure) =>
    c.kind === 'annual'
      ? t('directory.history.closureAnnual', { date: dayMonth.format(Date.UTC(2000, (c.month ?? 1) - 1, c.day ?? 1)), label: c.label })
      : t('directory.history.closureOnce', { from: formatDate(c.from ?? '', lang), to: formatDate(c.to ?? '', lang), label: c.label });

  /** One element of a value, as words. */
  const one = (field: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('directory.history.yes') : t('directory.history.no');
    if (isClosure(v)) return closure(v);
    if (isOverride(v)) {
      const sportello = v.referent ?? v.sportelloId ?? '';
      return t('directory.history.override', { comune: names[v.comune] ?? v.comune, sportello: names[sportello] ?? unseen });
    }
    if (typeof v !== 'string') return typeof v === 'number' ? String(v) : JSON.stringify(v);
    if (NAMED.has(field)) return names[v] ?? (SPORTELLO.has(field) ? unseen : v);
    switch (field) {
      case 'visibility':
        return t(`directory.visibility.${v as Visibility}.label`);
      case 'services':
        return t(`directory.services.${v as DirectoryService}`);
      case 'accessibility':
        return t(`directory.accessibility.${v as AccessibilityFeature}`);
      case 'alboStatus':
        return t(`directory.albo.${v as AlboStatus}`);
      case 'type':
        return (organisationTypes as readonly string[]).includes(v) ? organisationType(v as OrganisationType) : v;
      case 'languages':
        return languageNames.of(v) ?? v;
      case 'alboDate':
        return formatDate(v, lang);
      default:
        return v;
    }
  };

  return {
    field: (field: string) => (isKnownField(field) ? t(`directory.historyFields.${field}`) : field),
    /** A value in words; hours by their week when the server found one (else the expression as written). */
    value: (field: string, value: unknown, schedule?: WeeklySchedule | null): string => {
      if (value === null || value === undefined || value === '') return t('directory.history.empty');
      if (schedule) return scheduleText(schedule, lang);
      if (Array.isArray(value)) return value.length ? value.map((v) => one(field, v)).join(', ') : t('directory.history.empty');
      return one(field, value);
    },
  };
}
