import type { CaseStage, RiskLevel } from '../../../shared/cases';
import { useTranslation } from 'react-i18next';
import { useCaseLabels } from './cases.labels';

/** The risk level in words (the colour only repeats it); "not assessed" when there is none. */
export function RiskBadge({ level }: { level: RiskLevel | null }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  if (!level) return <span className="case-badge case-risk-none">{t('cases.risk.none')}</span>;
  return <span className={`case-badge case-risk-${level}`}>{t('cases.risk.badge', { level: labels.label('risk', level) })}</span>;
}

export function StageBadge({ stage }: { stage: CaseStage }) {
  const labels = useCaseLabels();
  return <span className={`case-badge case-stage-${stage}`}>{labels.label('stage', stage)}</span>;
}

export function EmergencyBadge() {
  const { t } = useTranslation();
  return <span className="case-badge case-emergency">{t('cases.emergencyBadge')}</span>;
}
