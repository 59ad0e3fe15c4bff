import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { ActivityCreate, activityListOut, attendancePut, participantCreate, sessionCreate } from '../../../../shared/autonomy.actions.api';
import { api, request } from '../../../api/client';
import { programmesKey } from '../programmes/programmes.api';

/**
 * A programme's group work (routes listed in src/shared/autonomy.actions.api.ts;
 * docs/autonomy.md, "Group work"). The list is read once per visit (each
 * read is audited, naming her own participants); every write answers the
 * activity as she now sees it, which replaces it in the list.
 */

export type ActivityList = Json<z.output<typeof activityListOut>>;
export type Activity = ActivityList['items'][number];


const activitiesKey = (programmeId: string) => [...programmesKey, 'activities', programmeId] as const;
const programmePath = (id: string) => `/api/autonomy/programmes/${encodeURIComponent(id)}`;
const activityPath = (id: string) => `/api/autonomy/activities/${encodeURIComponent(id)}`;

export function useActivities(programmeId: string | undefined) {
  return useQuery({
    queryKey: activitiesKey(programmeId ?? ''),
    queryFn: ({ signal }) => api.get<ActivityList>(`${programmePath(programmeId ?? '')}/activities`, { signal }),
    enabled: !!programmeId,
    refetchOnWindowFocus: false,
  });
}

export function useGroupWorkWrites(programmeId: string) {
  const client = useQueryClient();
  // The answer is the activity as she sees it now: it takes its place (or joins) the cached list; the summary's counts change too.
  const settle = (a: Activity) => {
    client.setQueryData<ActivityList>(activitiesKey(programmeId), (list) =>
      list ? { items: list.items.some((i) => i.id === a.id) ? list.items.map((i) => (i.id === a.id ? a : i)) : [...list.items, a] } : list,
    );
    void client.invalidateQueries({ queryKey: [...programmesKey, 'summary', programmeId] });
    return a;
  };
  return {
    create: (body: ActivityCreate) => request<Activity>('POST', `${programmePath(programmeId)}/activities`, { body }).then(settle),
    addSession: (activityId: string, body: z.output<typeof sessionCreate>) => request<Activity>('POST', `${activityPath(activityId)}/sessions`, { body }).then(settle),
    addParticipant: (activityId: string, body: z.output<typeof participantCreate>) => request<Activity>('POST', `${activityPath(activityId)}/participants`, { body }).then(settle),
    attendance: (activityId: string, participantId: string, body: z.output<typeof attendancePut>) =>
      request<Activity>('PUT', `${activityPath(activityId)}/participants/${encodeURIComponent(participantId)}/attendance`, { body }).then(settle),
  };
}
