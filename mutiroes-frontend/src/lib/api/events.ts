import "server-only";
import { cache } from "react";
import { eventFiltersToApiQuery, type EventFilters } from "../events/filters";
import { apiClient, download, imageUpload, orThrow, publicReadClient, result, type ApiResult } from "./client";
import type {
  Category,
  CommentPage,
  EventCreateBody,
  EventDetail,
  EventPage,
  EventPatchBody,
  ImpactReport,
  JoinBody,
  Material,
  Participant,
  ParticipantAction,
  ParticipantPage,
  ParticipationStatus,
  PhotoPage,
  PhotoStage,
  ReportBody,
  Resource,
  ShareData,
} from "./types";

/** The API's largest page. */
export const MAX_PAGE_SIZE = 100;

const path = (id: number) => ({ path: { event_id: id } });

/** The categories every form and filter needs (the page fails without them). */
export const listCategories = cache(
  async (): Promise<Category[]> => orThrow(await result(apiClient({ auth: false, revalidate: 300 }).GET("/api/categories/"))),
);

export const listMaterials = cache(
  async (): Promise<ApiResult<Material[]>> => result(apiClient({ auth: false, revalidate: 300 }).GET("/api/materials/")),
);

export async function listEvents(filters: EventFilters, pageSize?: number): Promise<ApiResult<EventPage>> {
  return result(publicReadClient().GET("/api/events/", { params: { query: eventFiltersToApiQuery(filters, pageSize) } }));
}

export const getEvent = cache(
  async (id: number): Promise<ApiResult<EventDetail>> => result(publicReadClient().GET("/api/events/{event_id}/", { params: path(id) })),
);

/** One page of the participants (the managers' view), optionally of one status. */
export async function listParticipants(id: number, page = 1, status?: ParticipationStatus): Promise<ApiResult<ParticipantPage>> {
  return result(
    apiClient().GET("/api/events/{event_id}/participants/", {
      params: { ...path(id), query: { page, page_size: MAX_PAGE_SIZE, ...(status ? { status } : {}) } },
    }),
  );
}

/** Every resource of a mutirão: the lists are paged, so this follows the pages to the end. */
export async function listResources(id: number): Promise<ApiResult<Resource[]>> {
  const all: Resource[] = [];
  for (let page = 1; ; page++) {
    const answer = await result(
      publicReadClient().GET("/api/events/{event_id}/resources/", { params: { ...path(id), query: { page, page_size: MAX_PAGE_SIZE } } }),
    );
    if (!answer.ok) return answer;
    all.push(...answer.data.results);
    if (!answer.data.next) return { ok: true, status: answer.status, data: all };
  }
}

export async function listComments(id: number, page = 1): Promise<ApiResult<CommentPage>> {
  return result(publicReadClient().GET("/api/events/{event_id}/comments/", { params: { ...path(id), query: { page, page_size: MAX_PAGE_SIZE } } }));
}

export async function listPhotos(id: number, page = 1): Promise<ApiResult<PhotoPage>> {
  return result(publicReadClient().GET("/api/events/{event_id}/photos/", { params: { ...path(id), query: { page, page_size: MAX_PAGE_SIZE } } }));
}

export async function getReport(id: number): Promise<ApiResult<ImpactReport>> {
  return result(publicReadClient().GET("/api/events/{event_id}/report/", { params: path(id) }));
}

export const downloadPoster = (id: number) => download(apiClient().GET("/api/events/{event_id}/poster.pdf", { params: path(id), parseAs: "stream" }));
export const downloadCalendar = (id: number) => download(apiClient().GET("/api/events/{event_id}/calendar.ics", { params: path(id), parseAs: "stream" }));
export const downloadParticipantsCsv = (id: number) =>
  download(apiClient().GET("/api/events/{event_id}/participants.csv", { params: path(id), parseAs: "stream" }));

// ---- mutations (called from Server Actions)

export const createEvent = (body: EventCreateBody) => result(apiClient().POST("/api/events/", { body }));
export const updateEvent = (id: number, body: EventPatchBody, scope: "this" | "following" = "this") =>
  result(apiClient().PATCH("/api/events/{event_id}/", { params: { ...path(id), query: { scope } }, body }));
export const deleteEvent = (id: number) => result(apiClient().DELETE("/api/events/{event_id}/", { params: path(id) }));
export const publishEvent = (id: number) => result(apiClient().POST("/api/events/{event_id}/publish/", { params: path(id) }));
export const rotateCheckInCode = (id: number) => result(apiClient().POST("/api/events/{event_id}/check-in-code/", { params: path(id) }));
export const cancelEvent = (id: number, reason?: string, scope: "this" | "following" = "this") =>
  result(apiClient().POST("/api/events/{event_id}/cancel/", { params: path(id), body: { ...(reason ? { reason } : {}), scope } }));

export const joinEvent = (id: number, body: JoinBody) =>
  result(apiClient().POST("/api/events/{event_id}/join/", { params: path(id), body }));
export const leaveEvent = (id: number) => result(apiClient().POST("/api/events/{event_id}/leave/", { params: path(id) }));
export const selfCheckIn = (id: number, code: string) => result(apiClient().POST("/api/events/{event_id}/check-in/", { params: path(id), body: { code } }));

/** What some actions send with them: the hours of a check-out, the reason of a rejection. */
export type ParticipantActionInput = { hours?: string; reason?: string };

export function participantAction(
  id: number,
  pid: number,
  action: ParticipantAction,
  input: ParticipantActionInput = {},
): Promise<ApiResult<Participant | Omit<Participant, "actions">>> {
  const params = { path: { event_id: id, participation_id: pid } };
  const client = apiClient();
  switch (action) {
    case "approve":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/approve/", { params }));
    case "reject":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/reject/", { params, body: { reason: input.reason ?? "" } }));
    case "restore":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/restore/", { params }));
    case "check-in":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/check-in/", { params }));
    case "check-out":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/check-out/", { params, body: input.hours !== undefined ? { hours: input.hours } : {} }));
    case "no-show":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/no-show/", { params, body: { no_show: true } }));
    case "undo-no-show":
      return result(client.POST("/api/events/{event_id}/participants/{participation_id}/no-show/", { params, body: { no_show: false } }));
  }
}

export const sendOrganizerMessage = (id: number, body: { title: string; body: string }) =>
  result(apiClient().POST("/api/events/{event_id}/messages/", { params: path(id), body }));

export const createResource = (id: number, body: { name: string; quantity_needed: number; unit?: string }) =>
  result(apiClient().POST("/api/events/{event_id}/resources/", { params: path(id), body }));
export const deleteResource = (id: number, rid: number) =>
  result(apiClient().DELETE("/api/events/{event_id}/resources/{resource_id}/", { params: { path: { event_id: id, resource_id: rid } } }));
export const pledgeResource = (id: number, rid: number, quantity: number) =>
  result(apiClient().POST("/api/events/{event_id}/resources/{resource_id}/pledge/", { params: { path: { event_id: id, resource_id: rid } }, body: { quantity } }));

export const createComment = (id: number, body: { body: string; parent?: number }) =>
  result(apiClient().POST("/api/events/{event_id}/comments/", { params: path(id), body }));
export const deleteComment = (id: number, cid: number) =>
  result(apiClient().DELETE("/api/events/{event_id}/comments/{comment_id}/", { params: { path: { event_id: id, comment_id: cid } } }));

/** The cover image (multipart, like photos below). */
export const uploadCover = (id: number, image: File) =>
  result(
    apiClient().PUT("/api/events/{event_id}/cover/", { params: path(id), ...imageUpload(image) }),
  );

/** Multipart: the schema types the file as a string (its name); the FormData carries the file itself. */
export const uploadPhoto = (id: number, photo: { image: File; caption: string; stage: PhotoStage }) =>
  result(
    apiClient().POST("/api/events/{event_id}/photos/", {
      params: path(id),
      body: { image: photo.image.name, caption: photo.caption, stage: photo.stage },
      bodySerializer: () => {
        const form = new FormData();
        form.set("image", photo.image, photo.image.name);
        form.set("caption", photo.caption);
        form.set("stage", photo.stage);
        return form;
      },
    }),
  );
export const deletePhoto = (id: number, pid: number) =>
  result(apiClient().DELETE("/api/events/{event_id}/photos/{photo_id}/", { params: { path: { event_id: id, photo_id: pid } } }));

export const saveReport = (id: number, body: ReportBody) => result(apiClient().PUT("/api/events/{event_id}/report/", { params: path(id), body }));

export const checkInByCode = (id: number, code: string) =>
  result(apiClient().POST("/api/events/{event_id}/participants/check-in/", { params: path(id), body: { code } }));

/** What a mutirão's link shows when shared (Open Graph / Twitter): the same for whoever asks. */
export const getEventShare = cache(
  async (id: number): Promise<ApiResult<ShareData>> => result(publicReadClient().GET("/api/events/{event_id}/share/", { params: path(id) })),
);
