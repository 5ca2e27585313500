import "server-only";
import { cache } from "react";
import { apiClient, download, result, type ApiResult } from "./client";
import { hasSession } from "./session";
import type { Me, MePatchBody, PreferenceKind } from "./types";

/** The signed-in user, or null. Once per request. */
export const getMe = cache(async (): Promise<Me | null> => {
  if (!(await hasSession())) return null;
  const answer = await result(apiClient().GET("/api/users/me/"));
  return answer.ok ? answer.data : null;
});

export const getMyEvents = () => result(apiClient().GET("/api/users/me/events/"));
export const getMyStats = () => result(apiClient().GET("/api/users/me/stats/"));
export const getPublicProfile = (id: number) => result(apiClient().GET("/api/users/{user_id}/", { params: { path: { user_id: id } } }));
export const getPlatformStats = cache(() => result(apiClient({ auth: false }).GET("/api/stats/")));

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const listNotifications = (page = 1) =>
  result(apiClient().GET("/api/notifications/", { params: { query: { page, page_size: NOTIFICATIONS_PAGE_SIZE } } }));

/** Unread count for the header badge: the `count` of the unread page. */
export const getUnreadCount = cache(async (): Promise<number> => {
  const answer = await result(apiClient().GET("/api/notifications/", { params: { query: { unread: true, page_size: 1 } } }));
  return answer.ok ? answer.data.count : 0;
});

export const markNotificationRead = (id: number) =>
  result(apiClient().POST("/api/notifications/{notification_id}/read/", { params: { path: { notification_id: id } } }));
export const markAllNotificationsRead = () => result(apiClient().POST("/api/notifications/read-all/"));

// ---- accounts

export const obtainToken = (email: string, password: string) => result(apiClient({ auth: false }).POST("/api/auth/token/", { body: { email, password } }));

export const registerUser = (body: { email: string; password: string; first_name: string; last_name: string }) =>
  result(apiClient({ auth: false }).POST("/api/auth/register/", { body }));

export const revokeRefresh = (refresh: string) => result(apiClient().POST("/api/auth/logout/", { body: { refresh } }));
export const requestPasswordReset = (email: string) => result(apiClient({ auth: false }).POST("/api/auth/password/reset/", { body: { email } }));
export const confirmPasswordReset = (body: { uid: string; token: string; new_password: string }) =>
  result(apiClient({ auth: false }).POST("/api/auth/password/reset/confirm/", { body }));
export const changePassword = (body: { old_password: string; new_password: string }) => result(apiClient().POST("/api/auth/password/change/", { body }));
export const updateMe = (body: MePatchBody): Promise<ApiResult<Me>> => result(apiClient().PATCH("/api/users/me/", { body }));
export const deleteMe = (password: string) => result(apiClient().DELETE("/api/users/me/", { body: { password } }));

export const getCalendarToken = () => result(apiClient().GET("/api/users/me/calendar-token/"));
export const rotateCalendarToken = () => result(apiClient().POST("/api/users/me/calendar-token/"));

export const getNotificationPreferences = () => result(apiClient().GET("/api/notifications/preferences/"));
export const updateNotificationPreferences = (preferences: Array<{ kind: PreferenceKind; in_app: boolean; email: boolean }>) =>
  result(apiClient().PATCH("/api/notifications/preferences/", { body: { preferences } }));
export const verifyCertificate = (code: string) => result(apiClient({ auth: false }).GET("/api/certificates/{code}/", { params: { path: { code } } }));

export const downloadCertificate = () => download(apiClient().GET("/api/users/me/certificate.pdf", { parseAs: "stream" }));
export const downloadExport = () => download(apiClient().GET("/api/users/me/export/", { parseAs: "stream" }));
