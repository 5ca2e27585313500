import "server-only";
import { cache } from "react";
import { apiClient, download, imageUpload, result, type ApiResult } from "./client";
import type {
  CollectiveBody,
  CollectiveDetail,
  CollectiveEventPage,
  CollectivePage,
  CollectiveRole,
  InvitationPage,
  InvitationPreview,
  MemberPage,
  Series,
  SeriesBody,
  ShareData,
} from "./types";
import { MAX_PAGE_SIZE } from "./events";

const slugPath = (slug: string) => ({ path: { slug } });

// ---- collectives

export async function listCollectives(page = 1, managed = false): Promise<ApiResult<CollectivePage>> {
  return result(apiClient().GET("/api/collectives/", { params: { query: { page, page_size: MAX_PAGE_SIZE, ...(managed ? { managed } : {}) } } }));
}

export const getCollective = cache(
  async (slug: string): Promise<ApiResult<CollectiveDetail>> => result(apiClient().GET("/api/collectives/{slug}/", { params: slugPath(slug) })),
);

/** What a collective's link shows when shared (Open Graph / Twitter): the same for whoever asks. */
export const getCollectiveShare = cache(
  async (slug: string): Promise<ApiResult<ShareData>> => result(apiClient().GET("/api/collectives/{slug}/share/", { params: slugPath(slug) })),
);

export async function listCollectiveEvents(slug: string, when: "upcoming" | "past", page = 1): Promise<ApiResult<CollectiveEventPage>> {
  return result(apiClient().GET("/api/collectives/{slug}/events/", { params: { ...slugPath(slug), query: { when, page, page_size: 24 } } }));
}

export async function listMembers(slug: string): Promise<ApiResult<MemberPage>> {
  return result(apiClient().GET("/api/collectives/{slug}/members/", { params: { ...slugPath(slug), query: { page_size: MAX_PAGE_SIZE } } }));
}

export async function listInvitations(slug: string): Promise<ApiResult<InvitationPage>> {
  return result(apiClient().GET("/api/collectives/{slug}/invitations/", { params: { ...slugPath(slug), query: { page_size: MAX_PAGE_SIZE } } }));
}

export async function previewInvitation(token: string): Promise<ApiResult<InvitationPreview>> {
  return result(apiClient({ auth: false }).GET("/api/collectives/invitations/preview/", { params: { query: { token } } }));
}

export const createCollective = (body: CollectiveBody) => result(apiClient().POST("/api/collectives/", { body }));
export const updateCollective = (slug: string, body: CollectiveBody) =>
  result(apiClient().PATCH("/api/collectives/{slug}/", { params: slugPath(slug), body }));
/** The logo (multipart): checked by content and re-encoded by the API. */
export const uploadCollectiveLogo = (slug: string, image: File) =>
  result(
    apiClient().PUT("/api/collectives/{slug}/logo/", { params: slugPath(slug), ...imageUpload(image) }),
  );
export const followCollective = (slug: string) => result(apiClient().POST("/api/collectives/{slug}/follow/", { params: slugPath(slug) }));
export const unfollowCollective = (slug: string) => result(apiClient().DELETE("/api/collectives/{slug}/follow/", { params: slugPath(slug) }));
export const leaveCollective = (slug: string) => result(apiClient().POST("/api/collectives/{slug}/leave/", { params: slugPath(slug) }));
export const inviteToCollective = (slug: string, email: string, role: CollectiveRole) =>
  result(apiClient().POST("/api/collectives/{slug}/invitations/", { params: slugPath(slug), body: { email, role } }));
export const revokeInvitation = (slug: string, invitationId: number) =>
  result(apiClient().DELETE("/api/collectives/{slug}/invitations/{invitation_id}/", { params: { path: { slug, invitation_id: invitationId } } }));
export const acceptInvitation = (token: string) => result(apiClient().POST("/api/collectives/invitations/accept/", { body: { token } }));
export const removeMember = (slug: string, userId: number) =>
  result(apiClient().DELETE("/api/collectives/{slug}/members/{user_id}/", { params: { path: { slug, user_id: userId } } }));
export const updateMember = (slug: string, userId: number, body: { role?: CollectiveRole; is_public?: boolean }) =>
  result(apiClient().PATCH("/api/collectives/{slug}/members/{user_id}/", { params: { path: { slug, user_id: userId } }, body }));

// ---- a mutirão's co-organizers

const eventPath = (id: number) => ({ path: { event_id: id } });

export const listCoOrganizers = (id: number) => result(apiClient().GET("/api/events/{event_id}/co-organizers/", { params: eventPath(id) }));
export const addCoOrganizer = (id: number, email: string) =>
  result(apiClient().POST("/api/events/{event_id}/co-organizers/", { params: eventPath(id), body: { email } }));
export const removeCoOrganizer = (id: number, userId: number) =>
  result(apiClient().DELETE("/api/events/{event_id}/co-organizers/{user_id}/", { params: { path: { event_id: id, user_id: userId } } }));

// ---- recurring series

export const getSeries = cache(
  async (id: number): Promise<ApiResult<Series>> => result(apiClient().GET("/api/series/{series_id}/", { params: { path: { series_id: id } } })),
);
export const createSeries = (eventId: number, body: SeriesBody) =>
  result(apiClient().POST("/api/events/{event_id}/series/", { params: eventPath(eventId), body }));
export const joinAllOfSeries = (id: number) => result(apiClient().POST("/api/series/{series_id}/join-all/", { params: { path: { series_id: id } } }));
export const leaveAllOfSeries = (id: number) => result(apiClient().DELETE("/api/series/{series_id}/join-all/", { params: { path: { series_id: id } } }));
export const downloadSeriesCalendar = (id: number) =>
  download(apiClient().GET("/api/series/{series_id}/calendar.ics", { params: { path: { series_id: id } }, parseAs: "stream" }));
