import { useTranslation } from 'react-i18next';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useShelterLabels } from '../structures/shelters.labels';
import { type Match, useMatches } from './requests.api';

const MARK = { true: '✓', false: '✗', partial: '≈' } as const;

/**
 * The ranked structures for the request, each with its reasons in words
 * (codes from the server, worded here: it, en) — never an address. A
 * structure that fails a hard constraint is listed last and cannot be asked.
 */
export function MatchList({ requestId, canPropose, pending, onPropose }: { requestId: string; canPropose: boolean; pending: boolean; onPropose: (m: Match) => void }) {
  const { t } = useTranslation();
  const labels = useShelterLabels();
  const matches = useMatches(requestId, true);
  const param = (v: unknown): string => {
    if (typeof v !== 'string') return String(v);
    if ((['pronto_intervento', 'casa_rifugio', 'comunita', 'seconda_accoglienza', 'non_dedicata'] as string[]).includes(v)) return labels.label('level', v as never);
    if ((['lt20', '20_50', '50_100', 'gt100'] as string[]).includes(v)) return labels.label('distanceBand', v as never);
    if ((['alta', 'media', 'ordinaria'] as string[]).includes(v)) return labels.label('protectionLevel', v as never);
    return v;
  };
  // The reason's code (a key of shelterRequests.reasons) worded with its params, themselves codes worded here.
  const reason = (code: string, params: Record<string, unknown>): string =>
    String(t(`shelterRequests.reasons.${code}` as never, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, param(v)])) as never));
  return (
    <section aria-labelledby="matches-title" className="mb-5">
      <h2 id="matches-title" className="h4">
        {t('shelterRequests.matches.title')}
      </h2>
      <p className="small">{t('shelterRequests.matches.intro')}</p>
      {matches.isPending ? <Loading /> : null}
      <ProblemAlert error={matches.error} />
      {matches.data && matches.data.items.length === 0 ? <p>{t('shelterRequests.matches.none')}</p> : null}
      <ol className="list-unstyled">
        {matches.data?.items.map((m) => (
          <li key={m.structure.id} className="card card-bg mb-3" data-testid="match">
            <div className="card-body">
              <h3 className="h5">
                {m.rank}. {m.structure.name}
              </h3>
              <p className="mb-2">
                {labels.label('level', m.structure.level)} · {t('shelterRequests.matches.province', { code: m.structure.provinceCode })}
                {m.structure.distanceBand ? ` · ${labels.label('distanceBand', m.structure.distanceBand)}` : ''} · {t('shelterRequests.matches.free', { n: m.freePlacesInUnit })}
              </p>
              {m.excluded ? <p className="text-danger fw-semibold">{t('shelterRequests.matches.excluded')}</p> : null}
              <ul className="small">
                {m.explanation.map((e) => (
                  <li key={e.criterion}>
                    <span aria-hidden="true">{MARK[String(e.fits) as keyof typeof MARK]} </span>
                    <span className="visually-hidden">{t(`shelterRequests.fits.${String(e.fits)}` as 'shelterRequests.fits.true')}: </span>
                    {reason(e.criterion === 'distance' && e.params.minKm === null ? 'distance_any' : e.criterion, e.params)}
                  </li>
                ))}
              </ul>
              {canPropose && !m.excluded ? (
                <button type="button" className="btn btn-primary btn-sm" disabled={pending} onClick={() => onPropose(m)}>
                  {t('shelterRequests.matches.propose', { name: m.structure.name })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
