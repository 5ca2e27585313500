import "server-only";
import { cache } from "react";
import { api, apiOrNull, type ApiResult } from "./client";
import { hasSession } from "./session";
import type { CertificateVerification, Me, MyEvents, Notification, NotificationPreference, Paginated, PlatformStats, PublicProfile, UserStats } from "./types";

/** The signed-in user, or null. Once per request. */
export const getMe = cache(async (): Promise<Me | null> => {
  if (!(await hasSession())) return null;
  const result = await api<Me>("/api/users/me/");
  return result.ok ? result.data : null;
});

export const getMyEvents = () => apiOrNull<MyEvents>("/api/users/me/events/");
export const getMyStats = () => apiOrNull<UserStats>("/api/users/me/stats/");
export const getPublicProfile = (id: number) => api<PublicProfile>(`/api/users/${id}/`);
export const getPlatformStats = cache(() => apiOrNull<PlatformStats>("/api/stats/", { auth: false }));

export const NOTIFICATIONS_PAGE_SIZE = 20;

export async function listNotifications(page = 1): Promise<Paginated<Notification> | null> {
  const data = await apiOrNull<Paginated<Notification> | Notification[]>("/api/notifications/", {
    query: { page: page > 1 ? page : undefined, page_size: NOTIFICATIONS_PAGE_SIZE },
  });
  if (!data) return null;
  return Array.isArray(data) ? { count: data.length, next: null, previous: null, results: data } : data;
}

/** Unread count for the header badge; 0 when the endpoint is missing. */
export const getUnreadCount = cache(async (): Promise<number> => {
  const data = await apiOrNull<{ count?: number; unread?: number; unread_count?: number } & Partial<Paginated<Notification>>>(
    "/api/notifications/",
    { query: { unread: "true", page_size: 1 } },
  );
  if (!data) return 0;
  return data.unread_count ?? data.unread ?? data.count ?? 0;
});

export const markNotificationRead = (id: number) => api<unknown>(`/api/notifications/${id}/read/`, { method: "POST" });
export const markAllNotificationsRead = () => api<unknown>("/api/notifications/read-all/", { method: "POST" });

// ---- accounts

export type TokenResponse = { access: string; refresh: string };

export const obtainToken = (email: string, password: string): Promise<ApiResult<TokenResponse>> =>
  api<TokenResponse>("/api/auth/token/", { method: "POST", body: { email, password }, auth: false });

export const registerUser = (body: { email: string; password: string; first_name: string; last_name: string }) =>
  api<Me>("/api/auth/register/", { method: "POST", body, auth: false });

export const revokeRefresh = (refresh: string) => api<unknown>("/api/auth/logout/", { method: "POST", body: { refresh } });
export const requestPasswordReset = (email: string) =>
  api<unknown>("/api/auth/password/reset/", { method: "POST", body: { email }, auth: false });
export const confirmPasswordReset = (body: { uid: string; token: string; new_password: string }) =>
  api<unknown>("/api/auth/password/reset/confirm/", { method: "POST", body, auth: false });
export const changePassword = (body: { old_password: string; new_password: string }) =>
  api<unknown>("/api/auth/password/change/", { method: "POST", body });
export const updateMe = (body: Record<string, unknown>) => api<Me>("/api/users/me/", { method: "PATCH", body });
export const deleteMe = (body: Record<string, unknown> = {}) => api<unknown>("/api/users/me/", { method: "DELETE", body });

export const getCalendarToken = () => apiOrNull<{ token: string; url: string }>("/api/users/me/calendar-token/");
export const rotateCalendarToken = () => api<{ token: string; url: string }>("/api/users/me/calendar-token/", { method: "POST" });

export const getNotificationPreferences = () => apiOrNull<{ preferences: NotificationPreference[] }>("/api/notifications/preferences/");
export const updateNotificationPreferences = (preferences: Array<{ kind: string; in_app: boolean; email: boolean }>) =>
  api<{ preferences: NotificationPreference[] }>("/api/notifications/preferences/", { method: "PATCH", body: { preferences } });
export const verifyCertificate = (code: string) => api<CertificateVerification>(`/api/certificates/${encodeURIComponent(code)}/`, { auth: false });
