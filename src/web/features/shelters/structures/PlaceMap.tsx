import { useTranslation } from 'react-i18next';
import type { PlaceState } from '../../../../shared/shelters';
import { useShelterLabels } from './shelters.labels';
import type { Place, Structure } from './structures.api';

/** The state of a place in words, with a mark and colour as second cues (never colour alone). */
export function PlaceStateBadge({ state }: { state: PlaceState }) {
  const labels = useShelterLabels();
  const mark = { libero: '○', trattenuto: '◐', occupato: '●', fuori_servizio: '×' }[state];
  return (
    <span className={`place-state place-${state}`}>
      <span aria-hidden="true">{mark} </span>
      {labels.label('placeState', state)}
    </span>
  );
}

/** How many places in each state, as a list of sentences. */
export function Occupancy({ counts }: { counts: Structure['counts'] }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const total = counts.libero + counts.trattenuto + counts.occupato + counts.fuori_servizio;
  return (
    <section aria-labelledby="occupancy-title" className="mb-4">
      <h2 id="occupancy-title" className="h4">
        {t('shelterStructures.map.occupancy', { count: total })}
      </h2>
      <ul className="occupancy" data-testid="occupancy">
        {(['libero', 'trattenuto', 'occupato', 'fuori_servizio'] as const).map((s) => (
          <li key={s} className={`place-${s}`}>
            <strong>{counts[s]}</strong> {labels.label('placeState', s)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The structure's units and their places, each with its state in words.
 * The head may take a free place out of service and put it back; a held or
 * occupied place belongs to a hold or a stay and offers nothing here.
 */
export function PlaceMap({ structure, manage, busy, onService }: { structure: Structure; manage: boolean; busy: string | null; onService: (place: Place, out: boolean) => void }) {
  const { t } = useTranslation();
  if (structure.units.length === 0) return <p>{t('shelterStructures.map.noUnits')}</p>;
  return (
    <div className="place-map">
      {structure.units.map((u) => (
        <section key={u.id} className="unit" aria-labelledby={`unit-${u.id}`} data-testid="unit">
          <h3 id={`unit-${u.id}`} className="h5">
            {u.label}
            {u.wheelchairAccessible ? <span className="unit-access">{t('shelterStructures.map.accessible')}</span> : null}
          </h3>
          <ul className="places">
            {u.places.map((p) => (
              <li key={p.id} className={`place place-${p.state}`} data-testid="place">
                <span className="place-label">{t('shelterStructures.map.place', { label: p.label })}</span>
                <PlaceStateBadge state={p.state} />
                {manage && (p.state === 'libero' || p.state === 'fuori_servizio') ? (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-xs"
                    disabled={busy === p.id}
                    aria-busy={busy === p.id}
                    onClick={() => onService(p, p.state === 'libero')}
                  >
                    {p.state === 'libero' ? t('shelterStructures.map.takeOut', { label: p.label }) : t('shelterStructures.map.putBack', { label: p.label })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
