import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentCreate } from '../../../shared/risk.api';
import { api } from '../../api/client';
import { caseKey, casePath, casesKey } from '../cases/cases.api';
import type { AssessmentCreated, InstrumentDetail, InstrumentSummary, RiskSummary } from './risk.types';

/**
 * The risk assessment's API (src/server/modules/risk): the instruments a
 * network loads, and a case's risk — read only while its tab is open
 * (each read of a case is audited).
 */

export const instrumentsKey = ['risk', 'instruments'] as const;
const instrumentsPath = '/api/risk/instruments';

export function useInstruments(retired = false) {
  return useQuery({
    queryKey: [...instrumentsKey, { retired }],
    queryFn: ({ signal }) => api.get<InstrumentSummary[]>(instrumentsPath, { query: { retired }, signal }),
  });
}

/** One instrument with its definition, what the form is generated from (versions never change: kept as read). */
export function useInstrument(id: string | undefined) {
  return useQuery({
    queryKey: [...instrumentsKey, 'one', id ?? ''],
    queryFn: ({ signal }) => api.get<InstrumentDetail>(`${instrumentsPath}/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    staleTime: Infinity,
  });
}

/** Loads an instrument into a network: the body is the instrument's JSON as read (the server checks it, 422 with pointers). */
export function loadInstrument(networkId: string, body: unknown): Promise<InstrumentDetail> {
  return api.post<InstrumentDetail>(`/api/networks/${encodeURIComponent(networkId)}/risk-instruments`, body);
}

/** No new assessment uses a retired instrument; those made with it keep it. */
export function retireInstrument(id: string): Promise<void> {
  return api.post<void>(`${instrumentsPath}/${encodeURIComponent(id)}/retire`);
}

const riskKey = (caseId: string) => [...caseKey(caseId), 'risk'] as const;

export function useRiskSummary(caseId: string) {
  return useQuery({
    queryKey: riskKey(caseId),
    queryFn: ({ signal }) => api.get<RiskSummary>(`${casePath(caseId)}/risk`, { signal }),
  });
}

export function createAssessment(caseId: string, body: AssessmentCreate): Promise<AssessmentCreated> {
  return api.post<AssessmentCreated>(`${casePath(caseId)}/risk/assessments`, body);
}

/**
 * After an assessment: the case's risk, the case itself (its level derives
 * from the latest assessment), its plan (a high level adds actions), the
 * caseload and her tasks are read again.
 */
export function useAssessed(caseId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: riskKey(caseId) });
    void client.invalidateQueries({ queryKey: caseKey(caseId), exact: true });
    void client.invalidateQueries({ queryKey: [...caseKey(caseId), 'plan'] });
    void client.invalidateQueries({ queryKey: [...casesKey, 'list'] });
    void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
  };
}
