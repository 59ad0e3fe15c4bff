import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { safetyPlanFields, safetyPlanOut, safetyPlanSaved } from '../../../shared/safety-plan.api';
import type { Json } from '../../../shared/json';
import { api, request } from '../../api/client';
import { casesKey, caseKey, casePath, ifMatch } from './cases.api';
import { isStale } from './cases.write';

/**
 * The safety plan of a case (src/server/modules/cases/safety-plan.routes.ts):
 * read while its panel is open (each read is audited); saved whole as the
 * next version, with the version read in If-Match.
 */

export type SafetyPlan = Json<z.output<typeof safetyPlanOut>>;
export type SafetyPlanInput = z.input<typeof safetyPlanFields>;
type Saved = z.output<typeof safetyPlanSaved>;

const key = (id: string) => [...caseKey(id), 'safety-plan'] as const;

export function useSafetyPlan(id: string) {
  return useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get<SafetyPlan>(`${casePath(id)}/safety-plan`, { signal }) });
}

/** Saves the plan; on 412 (someone saved in between) the current version is loaded. An agreed plan may close plan actions: the plan and her tasks are read again. */
export function useSaveSafetyPlan(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, input }: { version: number; input: SafetyPlanInput }) => request<Saved>('PUT', `${casePath(id)}/safety-plan`, { body: input, headers: ifMatch(version) }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: key(id) });
      if (saved.actionsDone) {
        void client.invalidateQueries({ queryKey: [...caseKey(id), 'plan'] });
        void client.invalidateQueries({ queryKey: [...casesKey, 'tasks'] });
      }
    },
    onError: (err) => {
      if (isStale(err)) void client.invalidateQueries({ queryKey: key(id) });
    },
  });
}
