import "server-only";
import { apiClient, publicReadClient, result, type ApiResult } from "./client";
import { MAX_PAGE_SIZE } from "./events";
import type { MaterialKey, WasteBag, WasteDestination, WasteHandover, WasteReceiverKind, WasteTotals } from "./types";

const path = (id: number) => ({ path: { event_id: id } });

export const getEventWaste = (eventId: number): Promise<ApiResult<WasteTotals>> =>
  result(publicReadClient().GET("/api/events/{event_id}/waste/", { params: path(eventId) }));

export const getWasteStats = (): Promise<ApiResult<WasteTotals>> => result(apiClient({ auth: false, revalidate: 60 }).GET("/api/waste/stats/"));

export const getCertificateWaste = (code: string): Promise<ApiResult<WasteTotals>> =>
  result(apiClient({ auth: false }).GET("/api/certificates/{code}/waste/", { params: { path: { code } } }));

/** Every bag of a mutirão, following the pages. */
export async function listBags(eventId: number): Promise<ApiResult<WasteBag[]>> {
  const all: WasteBag[] = [];
  for (let page = 1; ; page++) {
    const answer = await result(apiClient().GET("/api/events/{event_id}/waste/bags/", { params: { ...path(eventId), query: { page, page_size: MAX_PAGE_SIZE } } }));
    if (!answer.ok) return answer;
    all.push(...answer.data.results);
    if (!answer.data.next) return { ok: true, status: 200, data: all };
  }
}

export async function listHandovers(eventId: number): Promise<ApiResult<WasteHandover[]>> {
  const all: WasteHandover[] = [];
  for (let page = 1; ; page++) {
    const answer = await result(
      apiClient().GET("/api/events/{event_id}/waste/handovers/", { params: { ...path(eventId), query: { page, page_size: MAX_PAGE_SIZE } } }),
    );
    if (!answer.ok) return answer;
    all.push(...answer.data.results);
    if (!answer.data.next) return { ok: true, status: 200, data: all };
  }
}

export const registerBags = (eventId: number, material: MaterialKey, weights: string[]) =>
  result(apiClient().POST("/api/events/{event_id}/waste/bags/", { params: path(eventId), body: { material, weights_kg: weights } }));

export const deleteBag = (eventId: number, bagId: number) =>
  result(apiClient().DELETE("/api/events/{event_id}/waste/bags/{bag_id}/", { params: { path: { event_id: eventId, bag_id: bagId } } }));

export const createHandover = (
  eventId: number,
  body: { bag_ids: number[]; receiver_kind: WasteReceiverKind; receiver_name: string; destination: WasteDestination },
) => result(apiClient().POST("/api/events/{event_id}/waste/handovers/", { params: path(eventId), body }));

export const renewHandoverLink = (eventId: number, handoverId: number) =>
  result(
    apiClient().POST("/api/events/{event_id}/waste/handovers/{handover_id}/link/", {
      params: { path: { event_id: eventId, handover_id: handoverId } },
    }),
  );

export const getReceipt = (token: string) => result(apiClient({ auth: false }).GET("/api/waste/receipt/", { params: { query: { token } } }));

export const confirmReceipt = (token: string, fields: { received_kg: string; note: string }, ticket: File | null) =>
  result(
    apiClient({ auth: false }).POST("/api/waste/receipt/", {
      body: { token, ...(fields.received_kg ? { received_kg: fields.received_kg } : {}), note: fields.note },
      bodySerializer: () => {
        const form = new FormData();
        form.set("token", token);
        if (fields.received_kg) form.set("received_kg", fields.received_kg);
        form.set("note", fields.note);
        if (ticket) form.set("ticket", ticket, ticket.name);
        return form;
      },
    }),
  );
