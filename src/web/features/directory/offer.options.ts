import { useTranslation } from 'react-i18next';
import { accessibilityFeatures, directoryServices, publicLanguages } from '../../../shared/directory';

/** The offer of a sportello or an organisation, in that order on both forms. */
export const offerFields = ['languages', 'services', 'accessibility'] as const;

/**
 * The choices of each offer list: languages (the public ones, and any
 * other already stored), services and accessibility features.
 */
export function useOfferOptions(languages: readonly string[]): Record<(typeof offerFields)[number], { value: string; label: string }[]> {
  const { t } = useTranslation();
  return {
    languages: [...new Set([...publicLanguages, ...languages])].map((code) => ({
      value: code,
      label: (publicLanguages as readonly string[]).includes(code) ? t(`routing.languages.${code as 'it'}`) : code,
    })),
    services: directoryServices.map((s) => ({ value: s, label: t(`directory.services.${s}`) })),
    accessibility: accessibilityFeatures.map((a) => ({ value: a, label: t(`directory.accessibility.${a}`) })),
  };
}
