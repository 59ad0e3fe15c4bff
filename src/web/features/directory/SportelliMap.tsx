import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { mapPoints, type MapPoint, useBoundaries } from './boundaries';
import type { Sportello } from './directory.api';
import { LegendMark, PointMark } from './MapSymbols';

/** d3-geo and the drawing come with the first map shown, not with the application. */
const TerritoryMap = lazy(() => import('./TerritoryMap'));

interface Props {
  items: Sportello[];
  /** The network's comuni (ISTAT codes): its territory, drawn filled. */
  territory?: string[];
  /** Where no table of the same sportelli stands beside the map: list the points under it. */
  withList?: boolean;
}

const states = ['open', 'closed', 'unknown'] as const;

/**
 * The sportelli on the real boundaries of their comuni (ISTAT, served by our
 * own server: no tiles, no third-party request — a survivor's network must
 * not leak), with the network's territory, a legend, the source and, where
 * no table holds the same sportelli, their list. The picture is one image
 * with a text alternative; every point is also in words.
 */
export function SportelliMap({ items, territory = [], withList = false }: Props) {
  const { t } = useTranslation();
  const points = mapPoints(items);
  const codes = [...territory, ...items.filter((s) => s.lat !== null).map((s) => s.comune.istatCode)];
  const boundaries = useBoundaries(codes);
  if (codes.length === 0) return null;

  const counts = Object.fromEntries(states.map((s) => [s, points.filter((p) => p.state === s).length])) as Record<MapPoint['state'], number>;
  const description = [
    territory.length > 0 ? t('directory.map.territory', { count: territory.length }) : '',
    t('directory.map.description', { count: points.length, total: items.length, open: counts.open, closed: counts.closed, unknown: counts.unknown }),
  ]
    .filter(Boolean)
    .join(' ');
  const withoutShape = boundaries.data?.comuni.filter((c) => c.shape === null) ?? [];

  return (
    <figure className="directory-map mb-4">
      {boundaries.isError ? (
        <ProblemAlert error={boundaries.error} />
      ) : boundaries.data ? (
        <Suspense fallback={<Loading />}>
          <TerritoryMap boundaries={boundaries.data} territory={new Set(territory)} points={points} title={t('directory.map.title')} description={description} />
        </Suspense>
      ) : (
        <Loading />
      )}
      <figcaption>
        <ul className="list-inline small mt-2 mb-1 directory-map-legend" aria-label={t('directory.map.legend')}>
          {states.map((s) => (
            <li key={s} className="list-inline-item">
              <LegendMark>
                <PointMark state={s} x={11} y={11} />
              </LegendMark>{' '}
              {t(`directory.map.state.${s}`)}
            </li>
          ))}
          {territory.length > 0 ? (
            <li className="list-inline-item">
              <LegendMark>
                <rect x="2" y="4" width="18" height="14" className="directory-map-comune-network" />
              </LegendMark>{' '}
              {t('directory.map.networkComune')}
            </li>
          ) : null}
          <li className="list-inline-item">
            <LegendMark>
              <path d="M2 18L8 4L20 8" className="directory-map-province" />
            </LegendMark>{' '}
            {t('directory.map.province')}
          </li>
        </ul>
        <p className="small mb-1">{t('directory.map.caption', { count: points.length, total: items.length })}</p>
        {withoutShape.length > 0 ? (
          <p className="small mb-1">{t('directory.map.withoutShape', { comuni: withoutShape.map((c) => c.name).join(', '), count: withoutShape.length })}</p>
        ) : null}
        <p className="small text-secondary mb-2">{t('directory.map.attribution')}</p>
      </figcaption>
      {withList && points.length > 0 ? (
        <>
          <h3 className="h6" id="directory-map-points">
            {t('directory.map.listTitle', { count: points.length })}
          </h3>
          <ul className="list-unstyled directory-map-list" aria-labelledby="directory-map-points">
            {points.map((p) => (
              <li key={p.id} data-point-state={p.state}>
                <LegendMark>
                  <PointMark state={p.state} x={11} y={11} />
                </LegendMark>{' '}
                <strong>{p.name}</strong> — {p.organisation}, {p.comune}: {t(`directory.map.state.${p.state}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </figure>
  );
}
