import "server-only";
import { apiClient, result, type ApiResult } from "./client";
import { MAX_PAGE_SIZE } from "./events";
import type { AttendanceOperationBody, AttendanceResult, Participant, RollCall } from "./types";

const path = (id: number) => ({ path: { event_id: id } });

/** Every confirmed participant (all pages): the field check-in screen works on the whole list offline. */
export async function listConfirmedParticipants(id: number): Promise<ApiResult<Participant[]>> {
  const all: Participant[] = [];
  for (let page = 1; ; page++) {
    const answer = await result(
      apiClient().GET("/api/events/{event_id}/participants/", {
        params: { ...path(id), query: { page, page_size: MAX_PAGE_SIZE, status: "confirmed" } },
      }),
    );
    if (!answer.ok) return answer;
    all.push(...answer.data.results);
    if (!answer.data.next) return { ok: true, status: 200, data: all };
  }
}

/** One check-in or check-out made on a device, under its idempotency key (a retry is answered, not applied). */
export function sendAttendance(id: number, body: AttendanceOperationBody): Promise<ApiResult<AttendanceResult>> {
  return result(apiClient().POST("/api/events/{event_id}/attendance/", { params: path(id), body }));
}

export function getRollCall(id: number): Promise<ApiResult<RollCall>> {
  return result(apiClient().GET("/api/events/{event_id}/roll-call/", { params: path(id) }));
}

export function rollCallAllBack(id: number): Promise<ApiResult<RollCall>> {
  return result(apiClient().POST("/api/events/{event_id}/roll-call/all-back/", { params: path(id) }));
}

export function rollCallMissing(id: number, participationId: number): Promise<ApiResult<RollCall>> {
  return result(apiClient().POST("/api/events/{event_id}/roll-call/missing/", { params: path(id), body: { participation_id: participationId } }));
}

export function rollCallFound(id: number, participationId: number): Promise<ApiResult<RollCall>> {
  return result(apiClient().POST("/api/events/{event_id}/roll-call/found/", { params: path(id), body: { participation_id: participationId } }));
}
