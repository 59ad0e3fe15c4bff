import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import { caseKey, casePath, ifMatch } from './cases.api';
import type { ActionFields, GoalFields, MeetingInput, Plan, ReviewInput } from './plan.types';

/**
 * The individual plan (src/server/modules/cases/plan.routes.ts; her tasks: features/home/home.api.ts).
 * Like the other parts, the plan is read only while its tab is open (each
 * read is audited).
 */

export function usePlan(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'plan'],
    queryFn: ({ signal }) => api.get<Plan>(`${casePath(id)}/plan`, { signal }),
  });
}

type Saved = { id: string; version: number };
/** A write of the plan: goals and actions are created or replaced (with the version read); reviews and meetings are only added. */
export type PlanWrite =
  | { kind: 'goal'; target: { id: string; version: number } | null; fields: GoalFields }
  | { kind: 'action'; target: { id: string; version: number } | null; fields: ActionFields }
  | { kind: 'review'; input: ReviewInput }
  | { kind: 'meeting'; input: MeetingInput };

export function writePlan(id: string, w: PlanWrite): Promise<unknown> {
  const base = casePath(id);
  switch (w.kind) {
    case 'goal':
      return w.target
        ? request<Saved>('PUT', `${base}/plan/goals/${encodeURIComponent(w.target.id)}`, { body: w.fields, headers: ifMatch(w.target.version) })
        : api.post<Saved>(`${base}/plan/goals`, w.fields);
    case 'action':
      return w.target
        ? request<Saved>('PUT', `${base}/plan/actions/${encodeURIComponent(w.target.id)}`, { body: w.fields, headers: ifMatch(w.target.version) })
        : api.post<Saved>(`${base}/plan/actions`, w.fields);
    case 'review':
      return api.post<{ id: string }>(`${base}/plan/reviews`, w.input);
    case 'meeting':
      return api.post<{ id: string; actions: number }>(`${base}/meetings`, w.input);
  }
}
