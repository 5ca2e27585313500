import "server-only";
import { cache } from "react";
import { eventFiltersToApiQuery, type EventFilters } from "../events/filters";
import { api, apiOrNull, type ApiResult } from "./client";
import type {
  Category,
  Comment,
  EventDetail,
  EventSummary,
  ImpactReport,
  Paginated,
  Participant,
  Photo,
  ReportBody,
  Resource,
} from "./types";

export const listCategories = cache(async (): Promise<Category[]> => {
  const data = await apiOrNull<Category[] | Paginated<Category>>("/api/categories/", { auth: false, revalidate: 300 });
  if (!data) return [];
  return Array.isArray(data) ? data : data.results;
});

export async function listEvents(filters: EventFilters, pageSize?: number): Promise<ApiResult<Paginated<EventSummary>>> {
  return api<Paginated<EventSummary>>("/api/events/", { query: eventFiltersToApiQuery(filters, pageSize) });
}

export const getEvent = cache(async (id: number): Promise<ApiResult<EventDetail>> => api<EventDetail>(`/api/events/${id}/`));

export async function listParticipants(id: number): Promise<ApiResult<Participant[]>> {
  const result = await api<Participant[] | Paginated<Participant>>(`/api/events/${id}/participants/`, { query: { page_size: 100 } });
  if (!result.ok) return result;
  return { ...result, data: Array.isArray(result.data) ? result.data : result.data.results };
}

function unpage<T>(data: T[] | Paginated<T> | null): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.results;
}

export async function listResources(id: number): Promise<Resource[]> {
  return unpage(await apiOrNull<Resource[] | Paginated<Resource>>(`/api/events/${id}/resources/`, { query: { page_size: 100 } }));
}

export async function listComments(id: number): Promise<Comment[]> {
  return unpage(await apiOrNull<Comment[] | Paginated<Comment>>(`/api/events/${id}/comments/`, { query: { page_size: 100 } }));
}

export async function listPhotos(id: number): Promise<Photo[]> {
  return unpage(await apiOrNull<Photo[] | Paginated<Photo>>(`/api/events/${id}/photos/`, { query: { page_size: 100 } }));
}

export async function getReport(id: number): Promise<ImpactReport | null> {
  return apiOrNull<ImpactReport>(`/api/events/${id}/report/`);
}

// ---- mutations (called from Server Actions)

export type EventWrite = Partial<{
  title: string;
  description: string;
  category: number;
  address: string;
  city: string;
  state: string;
  latitude: number;
  longitude: number;
  start: string;
  end: string;
  registration_deadline: string;
  capacity: number;
  min_age: number;
  requires_approval: boolean;
  visibility: "public" | "unlisted";
  status: "draft" | "published";
  what_to_bring: string;
  tools_provided: string;
}>;

export const createEvent = (body: EventWrite) => api<EventDetail>("/api/events/", { method: "POST", body });
export const updateEvent = (id: number, body: EventWrite) => api<EventDetail>(`/api/events/${id}/`, { method: "PATCH", body });
export const deleteEvent = (id: number) => api<void>(`/api/events/${id}/`, { method: "DELETE" });
export const publishEvent = (id: number) => api<EventDetail>(`/api/events/${id}/publish/`, { method: "POST" });
export const cancelEvent = (id: number, reason?: string) =>
  api<EventDetail>(`/api/events/${id}/cancel/`, { method: "POST", body: reason ? { reason } : {} });

export const joinEvent = (id: number, body: { emergency_contact?: string; notes?: string }) =>
  api<{ status: string }>(`/api/events/${id}/join/`, { method: "POST", body });
export const leaveEvent = (id: number) => api<unknown>(`/api/events/${id}/leave/`, { method: "POST" });
export const selfCheckIn = (id: number, code: string) => api<unknown>(`/api/events/${id}/check-in/`, { method: "POST", body: { code } });

export type ParticipantAction = "approve" | "reject" | "check-in" | "check-out";
export const participantAction = (id: number, pid: number, action: ParticipantAction, body: Record<string, unknown> = {}) =>
  api<Participant>(`/api/events/${id}/participants/${pid}/${action}/`, { method: "POST", body });

export const createResource = (id: number, body: { name: string; quantity_needed: number; unit?: string }) =>
  api<Resource>(`/api/events/${id}/resources/`, { method: "POST", body });
export const deleteResource = (id: number, rid: number) => api<void>(`/api/events/${id}/resources/${rid}/`, { method: "DELETE" });
export const pledgeResource = (id: number, rid: number, quantity: number) =>
  api<Resource>(`/api/events/${id}/resources/${rid}/pledge/`, { method: "POST", body: { quantity } });

export const createComment = (id: number, body: { body: string; parent?: number }) =>
  api<Comment>(`/api/events/${id}/comments/`, { method: "POST", body });
export const deleteComment = (id: number, cid: number) => api<void>(`/api/events/${id}/comments/${cid}/`, { method: "DELETE" });

export const uploadPhoto = (id: number, formData: FormData) => api<Photo>(`/api/events/${id}/photos/`, { method: "POST", formData });
export const deletePhoto = (id: number, pid: number) => api<void>(`/api/events/${id}/photos/${pid}/`, { method: "DELETE" });

export const saveReport = (id: number, body: ReportBody) =>
  api<ImpactReport>(`/api/events/${id}/report/`, { method: "PUT", body });

export const checkInByCode = (id: number, code: string) =>
  api<Participant>(`/api/events/${id}/participants/check-in/`, { method: "POST", body: { code } });
