import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { formatDayShort } from '../cases/cases.format';
import { useCaseLabels } from '../cases/cases.labels';
import { RiskBadge } from '../cases/CaseBadges';
import type { RiskHistory } from './risk.types';
import { trendGeometry } from './risk.trend';

const box = { width: 640, height: 220, left: 96, bottom: 36, margin: 14 };

/**
 * The trend of the final level, assessment by assessment: a small step
 * chart (an image with its title and a description that says the whole
 * trend in words) and the same data as a table, which is what a screen
 * reader or a keyboard user reads.
 */
export function RiskTrend({ history }: { history: RiskHistory }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const { lang } = labels;
  const id = useId();
  const hasImminente = history.some((h) => h.finalLevel === 'imminente' || h.computedLevel === 'imminente');
  const g = trendGeometry(
    history.map((h) => ({ on: h.assessedOn, level: h.finalLevel })),
    box,
    hasImminente ? ['basso', 'medio', 'elevato', 'imminente'] : ['basso', 'medio', 'elevato'],
  );
  if (!history.length) return <p>{t('risk.history.none')}</p>;
  const first = history[0]!;
  const last = history[history.length - 1]!;
  const steps = history.map((h) => t('risk.history.step', { date: formatDayShort(h.assessedOn, lang), level: labels.label('risk', h.finalLevel) })).join('; ');
  const desc = t('risk.history.chartDesc', { count: history.length, from: formatDayShort(first.assessedOn, lang), to: formatDayShort(last.assessedOn, lang), steps });

  return (
    <>
      <figure className="risk-trend">
        <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="risk-trend-chart">
          <title id={`${id}-title`}>{t('risk.history.chartTitle')}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          {g.levels.map((l) => (
            <g key={l.level}>
              <line x1={box.left} x2={box.width - box.margin} y1={l.y} y2={l.y} className="risk-trend-guide" />
              <text x={box.left - 8} y={l.y} className="risk-trend-label" textAnchor="end" dominantBaseline="middle">
                {labels.label('risk', l.level)}
              </text>
            </g>
          ))}
          <path d={g.path} className="risk-trend-line" />
          {g.dots.map((d, i) => (
            <circle key={`${d.on}-${i}`} cx={d.x} cy={d.y} r={5} className={`risk-trend-dot risk-trend-dot-${d.level}`} />
          ))}
          {g.days.map((d, i) => (
            <text key={d.on} x={d.x} y={box.height - 10} className="risk-trend-label" textAnchor={g.days.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}>
              {formatDayShort(d.on, lang)}
            </text>
          ))}
        </svg>
        <figcaption className="small">{t('risk.history.chartCaption')}</figcaption>
      </figure>
      <DataTable caption={t('risk.history.tableCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('risk.history.on')}</th>
            <th scope="col">{t('risk.history.final')}</th>
            <th scope="col">{t('risk.history.computed')}</th>
            <th scope="col">{t('risk.history.score')}</th>
            <th scope="col">{t('risk.history.occasion')}</th>
            <th scope="col">{t('risk.history.instrument')}</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((h) => (
            <tr key={h.id}>
              <th scope="row" className="fw-normal">
                {formatDayShort(h.assessedOn, lang)}
              </th>
              <td>
                <RiskBadge level={h.finalLevel} />
                {h.lowered ? <span className="d-block small fw-semibold">{t('risk.history.lowered')}</span> : null}
              </td>
              <td>{h.computedLevel ? labels.label('risk', h.computedLevel) : t('risk.history.noComputed')}</td>
              <td>{h.score === null ? t('risk.history.noScore') : t('risk.history.scoreOf', { score: h.score.toLocaleString(lang), max: (h.maxScore ?? 0).toLocaleString(lang) })}</td>
              <td>{labels.label('riskOccasion', h.occasion)}</td>
              <td>{t('risk.history.instrumentVersion', { code: h.instrumentCode, version: h.instrumentVersion })}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
