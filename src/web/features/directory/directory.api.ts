import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { visibilities, type Closure, type Visibility } from '../../../shared/directory';
import type {
  ExportFormat,
  ExportKind,
  historyEntityTypes,
  historyOut,
  hoursPreviewOut,
  hoursStateOut,
  importReportOut,
  named,
  networkDetailOut,
  networkOut,
  networkPatch,
  organisationProfileOut,
  profilePatch,
  sportelloCreate,
  sportelloFields,
  sportelloOut,
  sportelloPatch,
  standardsOut,
} from '../../../shared/directory.api';
import { exportFormats } from '../../../shared/directory.api';
import type { Json } from '../../../shared/json';
import { api, request, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

/** Shapes of the reserved directory API, derived from src/shared/directory.api.ts. */

export type Named = Json<z.output<typeof named>>;
export type HoursState = Json<z.output<typeof hoursStateOut>>;
/** The writable fields of a sportello, as a form hands them over (`sportelloFields` after its defaults). */
export type SportelloFields = z.output<typeof sportelloFields>;
export type SportelloCreate = z.input<typeof sportelloCreate>;
export type SportelloPatch = z.input<typeof sportelloPatch>;
export type Sportello = Json<z.output<typeof sportelloOut>>;
export type HoursPreview = Json<z.output<typeof hoursPreviewOut>>;
export type DirectoryNetwork = Json<z.output<typeof networkOut>>;
export type NetworkDetail = Json<z.output<typeof networkDetailOut>>;
export type NetworkComune = NetworkDetail['comuni'][number];
export type NetworkPatch = z.input<typeof networkPatch>;
export type Profile = Json<z.output<typeof organisationProfileOut>>;
export type ProfilePatch = z.input<typeof profilePatch>;
export type Standards = Json<z.output<typeof standardsOut>>;
export type EntityType = (typeof historyEntityTypes)[number];
export type HistoryPageData = Json<z.output<typeof historyOut>>;
export type HistoryEntry = HistoryPageData['items'][number];
export type ImportReport = Json<z.output<typeof importReportOut>>;

export const directoryKey = ['directory'] as const;

/** After a save: the saved record replaces its cached copy, and every other directory query is fetched again. */
export function useRecordSaved(kind: 'network' | 'profile' | 'sportello') {
  const client = useQueryClient();
  return (record: { id: string }) => {
    client.setQueryData([...directoryKey, kind, record.id], record);
    void client.invalidateQueries({ queryKey: directoryKey, predicate: (q) => q.queryKey[1] !== kind });
  };
}

export function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}

/** A conditional write: the version read goes back in If-Match, so nobody overwrites a change she never saw. */
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export interface SportelliQuery {
  page: number;
  pageSize: number;
  network?: string | undefined;
  organisation?: string | undefined;
  comune?: string | undefined;
  visibility?: string | undefined;
  q?: string | undefined;
}

export function useSportelli(params: SportelliQuery, enabled = true) {
  return useQuery({
    queryKey: [...directoryKey, 'sportelli', params],
    queryFn: ({ signal }) => api.get<Page<Sportello>>('/api/directory/sportelli', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSportello(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'sportello', id],
    queryFn: ({ signal }) => api.get<Sportello>(`/api/directory/sportelli/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    // The form holds the version it read: a refetch behind her back would not change it anyway.
    refetchOnWindowFocus: false,
  });
}

export function createSportello(body: SportelloCreate): Promise<Sportello> {
  return api.post<Sportello>('/api/directory/sportelli', body);
}

export function updateSportello(id: string, version: number, body: SportelloPatch): Promise<Sportello> {
  return request<Sportello>('PATCH', `/api/directory/sportelli/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function deleteSportello(id: string, version: number): Promise<void> {
  return request<void>('DELETE', `/api/directory/sportelli/${encodeURIComponent(id)}`, { headers: ifMatch(version) });
}

/** The live preview (a computation on the server: the same parser and holidays as the stored hours). */
export function useHoursPreview(input: { openingHours: string; closures: Closure[] } | null) {
  return useQuery({
    queryKey: [...directoryKey, 'preview', input],
    queryFn: () => api.post<HoursPreview>('/api/directory/hours/preview', input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function useDirectoryNetworks() {
  return useQuery({
    queryKey: [...directoryKey, 'networks'],
    queryFn: ({ signal }) => api.get<{ items: DirectoryNetwork[] }>('/api/directory/networks', { signal }),
  });
}

export function useDirectoryNetwork(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'network', id],
    queryFn: ({ signal }) => api.get<NetworkDetail>(`/api/directory/networks/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

export function updateNetwork(id: string, version: number, body: NetworkPatch): Promise<NetworkDetail> {
  return request<NetworkDetail>('PATCH', `/api/directory/networks/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function useProfiles(params: { page: number; pageSize: number; network?: string | undefined; q?: string | undefined }) {
  return useQuery({
    queryKey: [...directoryKey, 'profiles', params],
    queryFn: ({ signal }) => api.get<Page<Profile>>('/api/directory/organisations', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProfile(id: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'profile', id],
    queryFn: ({ signal }) => api.get<Profile>(`/api/directory/organisations/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}

export function updateProfile(id: string, version: number, body: ProfilePatch): Promise<Profile> {
  return request<Profile>('PATCH', `/api/directory/organisations/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) });
}

export function useStandards(network: string | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'standards', network],
    queryFn: ({ signal }) => api.get<Standards>('/api/directory/standards', { query: { network }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHistory(params: { page: number; pageSize: number; entityType?: string | undefined; network?: string | undefined }) {
  return useQuery({
    queryKey: [...directoryKey, 'history', params],
    queryFn: ({ signal }) => api.get<HistoryPageData>('/api/directory/history', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function importDirectory(file: unknown, dryRun: boolean): Promise<ImportReport> {
  return request<ImportReport>('POST', '/api/directory/import', { body: file, query: { dryRun: String(dryRun) } });
}

export { exportFormats, type ExportFormat, type ExportKind };

/** A plain download link: a GET with the session cookie. */
export function exportUrl(network: string, kind: ExportKind, format: ExportFormat): string {
  return withQuery('/api/directory/export', { network, kind, format });
}
