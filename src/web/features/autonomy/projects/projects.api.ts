import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { ActionCreate, ActionPatch, actionListOut } from '../../../../shared/autonomy.actions.api';
import type { ExpenseCreate, ExpenseMove, IntakeCreate, IntakeDecision, intakeListOut, ProjectBudget, ProjectCreate, ProjectMoveIn, projectListOut, projectOut } from '../../../../shared/autonomy.projects.api';
import { api, request } from '../../../api/client';
import { isStale } from '../../cases/cases.write';

/**
 * Personalised projects (routes in src/shared/autonomy.projects.api.ts).
 * Every read of a project is audited: nothing here refetches behind her back.
 */

export type Project = Json<z.output<typeof projectOut>>;
export type ProjectList = Json<z.output<typeof projectListOut>>;
export type IntakeList = Json<z.output<typeof intakeListOut>>;
export type Intake = IntakeList['items'][number];
export type ActionList = Json<z.output<typeof actionListOut>>;

const key = ['autonomy', 'projects'] as const;
const once = { refetchOnWindowFocus: false } as const;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const path = (id: string) => `/api/autonomy/projects/${encodeURIComponent(id)}`;

export const useProject = (id: string | undefined) =>
  useQuery({ queryKey: [...key, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Project>(path(id ?? ''), { signal }), enabled: !!id, ...once });
export const useCaseProjects = (caseId: string | undefined) =>
  useQuery({
    queryKey: [...key, 'case', caseId ?? ''],
    queryFn: ({ signal }) => api.get<ProjectList>(`/api/cases/${encodeURIComponent(caseId ?? '')}/autonomy-projects`, { signal }),
    enabled: !!caseId,
    ...once,
  });
export const useInbox = () => useQuery({ queryKey: [...key, 'inbox'], queryFn: ({ signal }) => api.get<ProjectList>('/api/autonomy/inbox', { signal }), ...once });

export function useProjectWrites() {
  const client = useQueryClient();
  const settle = (p: Project) => {
    client.setQueryData([...key, 'one', p.id], p);
    void client.invalidateQueries({ queryKey: [...key, 'inbox'] });
    void client.invalidateQueries({ queryKey: [...key, 'case'] });
    return p;
  };
  return {
    move: (p: Project, body: ProjectMoveIn) => request<Project>('POST', `${path(p.id)}/moves`, { body, headers: ifMatch(p.version) }).then(settle),
    expense: (p: Project, body: ExpenseCreate, idempotencyKey: string) =>
      request<Project>('POST', `${path(p.id)}/expenses`, { body, headers: { 'Idempotency-Key': idempotencyKey } }).then(settle),
    budget: (p: Project, body: ProjectBudget) => request<Project>('PUT', `${path(p.id)}/budget`, { body, headers: ifMatch(p.version) }).then(settle),
    expenseMove: (p: Project, expense: { id: string; version: number }, body: ExpenseMove) =>
      request<Project>('POST', `${path(p.id)}/expenses/${encodeURIComponent(expense.id)}/moves`, { body, headers: ifMatch(expense.version) }).then(settle),
  };
}

/** Referrals: the équipe's inbox, or those her organisation sent — with `caseId`, one case's, filtered by the server. */
export const useIntakes = (box: 'inbox' | 'sent', caseId?: string) =>
  useQuery({
    queryKey: [...key, 'intakes', box, caseId ?? null],
    queryFn: ({ signal }) => api.get<IntakeList>(`/api/autonomy/intakes?${new URLSearchParams({ box, ...(caseId ? { caseId } : {}) }).toString()}`, { signal }),
    ...once,
  });

export function useIntakeWrites() {
  const client = useQueryClient();
  const settle = <T>(x: T) => {
    void client.invalidateQueries({ queryKey: [...key, 'intakes'] });
    return x;
  };
  return {
    refer: (body: IntakeCreate) => request<Intake>('POST', '/api/autonomy/intakes', { body }).then(settle),
    decide: (i: Intake, body: IntakeDecision) =>
      request<Intake>('POST', `/api/autonomy/intakes/${encodeURIComponent(i.id)}/decision`, { body, headers: ifMatch(i.version) }).then(settle),
    withdraw: (i: Intake) => request<Intake>('POST', `/api/autonomy/intakes/${encodeURIComponent(i.id)}/withdraw`, { headers: ifMatch(i.version) }).then(settle),
    createProject: (body: ProjectCreate) =>
      request<Project>('POST', '/api/autonomy/projects', { body }).then((p) => {
        void client.invalidateQueries({ queryKey: [...key, 'case'] });
        return settle(p);
      }),
  };
}

/** A project's actions as her side sees them (details null in the approval view). */
export const useActions = (projectId: string | undefined) =>
  useQuery({
    queryKey: [...key, 'actions', projectId ?? ''],
    queryFn: ({ signal }) => api.get<ActionList>(`${path(projectId ?? '')}/actions`, { signal }),
    enabled: !!projectId,
    ...once,
  });

export function useActionWrites(projectId: string) {
  const client = useQueryClient();
  const reload = () => void client.invalidateQueries({ queryKey: [...key, 'actions', projectId] });
  return {
    add: (body: ActionCreate) =>
      request<unknown>('POST', `${path(projectId)}/actions`, { body }).then((a) => {
        reload();
        return a;
      }),
    /** Status, outcome, dates, cost, details (If-Match: the action's version); a stale version reloads the list. */
    update: (action: { id: string; version: number }, body: ActionPatch) =>
      request<unknown>('PATCH', `${path(projectId)}/actions/${encodeURIComponent(action.id)}`, { body, headers: ifMatch(action.version) }).then(
        (a) => {
          reload();
          return a;
        },
        (err: unknown) => {
          if (isStale(err)) reload();
          throw err;
        },
      ),
  };
}
