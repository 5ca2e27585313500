import "server-only";
import { apiClient, result, type ApiResult } from "./client";
import type { AlertArea, AlertAreaBody, AlertAreaPage, AlertEmailFrequency } from "./types";

/** The areas someone watches (at most 10: one page holds them all). */
export const listAlertAreas = (): Promise<ApiResult<AlertAreaPage>> =>
  result(apiClient().GET("/api/alerts/areas/", { params: { query: { page_size: 100 } } }));

export const createAlertArea = (body: AlertAreaBody): Promise<ApiResult<AlertArea>> => result(apiClient().POST("/api/alerts/areas/", { body }));

export const deleteAlertArea = (id: number) => result(apiClient().DELETE("/api/alerts/areas/{area_id}/", { params: { path: { area_id: id } } }));

export const getAlertSettings = () => result(apiClient().GET("/api/alerts/settings/"));

export const updateAlertSettings = (email_frequency: AlertEmailFrequency) =>
  result(apiClient().PUT("/api/alerts/settings/", { body: { email_frequency } }));
