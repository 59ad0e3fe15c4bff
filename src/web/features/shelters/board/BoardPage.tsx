import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardQuery } from '../../../../shared/shelters.structures.api';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { formatInstant } from '../../cases/cases.format';
import { useShelterLabels } from '../structures/shelters.labels';
import { useBoard, type BoardItem } from './board.api';
import { BoardFilters, emptyFilters, queryOf, type Filters } from './BoardFilters';
import './board.css';

/**
 * Disponibilità: the free places of the structures serving her
 * organisation's networks — counts and features, the province and (when
 * she gives an area) a distance band; never an address or who is there.
 * The filters stay in the page, not in the address: the area may be the
 * comune she comes from, which the browser's history should not keep.
 * Applying the same filters again reads the board again.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const query: Partial<BoardQuery> = queryOf(filters);
  const board = useBoard(query);
  const labels = useShelterLabels();
  const provinces = new Map((board.data?.items ?? []).map((i) => [i.province.code, i.province.name]));
  return (
    <>
      <PageHeading>{t('shelterBoard.page.title')}</PageHeading>
      <p>{t('shelterBoard.page.intro')}</p>
      <BoardFilters initial={filters} provinces={[...provinces].map(([value, label]) => ({ value, label }))} onApply={(f) => (JSON.stringify(f) === JSON.stringify(filters) ? void board.refetch() : setFilters(f))} />
      <ProblemAlert error={board.error} />
      {board.isPending ? <Loading /> : null}
      {board.data ? (
        <section aria-labelledby="board-results" aria-live="polite">
          <h2 id="board-results" className="h4">
            {t('shelterBoard.page.results', { count: board.data.totals.structures, free: board.data.totals.free })}
          </h2>
          <p className="small">{t('shelterBoard.page.at', { at: formatInstant(board.data.at, labels.lang) })}</p>
          {board.data.items.length === 0 ? <p>{t('shelterBoard.page.none')}</p> : null}
          <ul className="board-list">
            {board.data.items.map((item) => (
              <BoardCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function BoardCard({ item }: { item: BoardItem }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const f = item.features;
  const features = [
    f.acceptsChildren
      ? [t('shelterBoard.features.children'), f.maxChildren !== null ? t('shelterBoard.features.maxChildren', { count: f.maxChildren }) : null, f.boysMaxAge !== null ? t('shelterBoard.features.boysMaxAge', { age: f.boysMaxAge }) : null]
          .filter(Boolean)
          .join(', ')
      : t('shelterBoard.features.noChildren'),
    f.petsAllowed ? t('shelterBoard.features.pets') : null,
    f.wheelchairAccessible ? t('shelterBoard.features.wheelchair') : null,
    f.staffed24h ? t('shelterBoard.features.staffed24h') : null,
    f.languages.length ? t('shelterBoard.features.languages', { list: f.languages.join(', ') }) : null,
    labels.label('protectionLevel', f.protectionLevel),
  ].filter((x): x is string => !!x);
  return (
    <li className="board-item" data-testid="board-item">
      <h3 className="h5">{item.name}</h3>
      <p className="board-where">
        {labels.label('level', item.level)} · {item.province.name}
        {item.distanceBand ? ` · ${labels.label('distanceBand', item.distanceBand)}` : ''}
      </p>
      <p className={item.free > 0 ? 'board-free' : 'board-full'} data-testid="board-free">
        <strong>{t('shelterBoard.item.free', { count: item.free })}</strong>
        {item.free > 0 ? ` — ${t('shelterBoard.item.largest', { count: item.largestUnitFree })}` : ''}
        {' '}
        <span className="small">{t('shelterBoard.item.capacity', { count: item.capacity })}</span>
      </p>
      {item.unitsFree.length > 1 ? <p className="small mb-1">{t('shelterBoard.item.units', { list: item.unitsFree.join(' + ') })}</p> : null}
      <p className="small mb-0">{features.join(' · ')}</p>
    </li>
  );
}
