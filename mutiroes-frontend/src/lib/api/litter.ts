import "server-only";
import { cache } from "react";
import { apiClient, publicReadClient, result, type ApiResult } from "./client";
import type { LitterNearbyReport, LitterReport, LitterReportDetail, LitterReportPage, LitterSize, LitterStatus, MaterialKey, UserState } from "./types";
import { MAX_PAGE_SIZE } from "./events";

export type LitterFilters = {
  city?: string;
  size?: LitterSize;
  max_age_days?: number;
  status?: LitterStatus;
  bbox?: string;
  page?: number;
};

export async function listLitterReports(filters: LitterFilters): Promise<ApiResult<LitterReportPage>> {
  return result(apiClient().GET("/api/litter-reports/", { params: { query: { page_size: 50, ...filters } } }));
}

export const getLitterReport = cache(
  async (id: number): Promise<ApiResult<LitterReportDetail>> =>
    result(apiClient().GET("/api/litter-reports/{report_id}/", { params: { path: { report_id: id } } })),
);

export async function nearbyLitterReports(latitude: number, longitude: number): Promise<ApiResult<LitterNearbyReport[]>> {
  return result(apiClient().GET("/api/litter-reports/nearby/", { params: { query: { latitude, longitude } } }));
}

export type NewLitterReport = {
  latitude: number;
  longitude: number;
  address: string;
  city: string;
  state: UserState;
  size: LitterSize;
  materials: MaterialKey[];
  notes: string;
  images: File[];
};

function formWith(fields: Record<string, string | string[]>, images: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(key, one);
  }
  for (const image of images) form.append("images", image, image.name);
  return form;
}

export const createLitterReport = (report: NewLitterReport) =>
  result(
    apiClient().POST("/api/litter-reports/", {
      body: { ...report, images: report.images.map((f) => f.name) },
      bodySerializer: () =>
        formWith(
          {
            latitude: String(report.latitude),
            longitude: String(report.longitude),
            address: report.address,
            city: report.city,
            state: report.state,
            size: report.size,
            materials: report.materials,
            notes: report.notes,
          },
          report.images,
        ),
    }),
  );

export const confirmLitterReport = (id: number, images: File[]) =>
  result(
    apiClient().POST("/api/litter-reports/{report_id}/confirm/", {
      params: { path: { report_id: id } },
      body: { images: images.map((f) => f.name) },
      bodySerializer: () => formWith({}, images),
    }),
  );

export const resurveyLitterReport = (id: number, stillClean: boolean, images: File[]) =>
  result(
    apiClient().POST("/api/litter-reports/{report_id}/resurvey/", {
      params: { path: { report_id: id } },
      body: { still_clean: stillClean, images: images.map((f) => f.name) },
      bodySerializer: () => formWith({ still_clean: stillClean ? "true" : "false" }, images),
    }),
  );

export const flagLitterReport = (id: number, reason: string) =>
  result(apiClient().POST("/api/litter-reports/{report_id}/flag/", { params: { path: { report_id: id } }, body: { reason } }));

export const listEventLitterReports = (eventId: number): Promise<ApiResult<LitterReport[]>> =>
  result(publicReadClient().GET("/api/events/{event_id}/litter-reports/", { params: { path: { event_id: eventId } } }));

export const scheduleLitterReports = (eventId: number, reportIds: number[]) =>
  result(
    apiClient().POST("/api/events/{event_id}/litter-reports/", {
      params: { path: { event_id: eventId } },
      body: { report_ids: reportIds.slice(0, MAX_PAGE_SIZE) },
    }),
  );
