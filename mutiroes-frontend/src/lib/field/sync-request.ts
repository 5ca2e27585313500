/**
 * The body the field screen posts to its sync route (`/eventos/<id>/campo/sincronizar`), checked
 * on the server before anything is sent to the API. Pure: unit-tested.
 */
import type { AttendanceOperationBody } from "@/lib/api/types";
import { BATCH_SIZE, type QueuedOperation } from "./queue";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** The API's body for one queued operation. */
export function attendanceBody(operation: QueuedOperation): AttendanceOperationBody {
  return {
    key: operation.key,
    action: operation.action,
    occurred_at: operation.occurredAt,
    ...(operation.participationId !== undefined ? { participation_id: operation.participationId } : {}),
    ...(operation.code ? { code: operation.code } : {}),
    ...(operation.hours ? { hours: operation.hours } : {}),
  };
}

/** `{operations: [...]}` as the API's bodies, or null when the request is not one the field screen sends. */
export function parseSyncRequest(body: unknown): AttendanceOperationBody[] | null {
  if (!isRecord(body) || !Array.isArray(body.operations) || body.operations.length === 0 || body.operations.length > BATCH_SIZE) return null;
  const out: AttendanceOperationBody[] = [];
  for (const item of body.operations) {
    if (!isRecord(item)) return null;
    const { key, action, occurred_at, participation_id, code, hours } = item;
    if (typeof key !== "string" || !UUID.test(key)) return null;
    if (action !== "check-in" && action !== "check-out") return null;
    if (typeof occurred_at !== "string" || Number.isNaN(Date.parse(occurred_at))) return null;
    if (participation_id !== undefined && (typeof participation_id !== "number" || !Number.isInteger(participation_id))) return null;
    if (code !== undefined && typeof code !== "string") return null;
    if (hours !== undefined && typeof hours !== "string") return null;
    out.push({
      key,
      action,
      occurred_at,
      ...(participation_id !== undefined ? { participation_id } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(hours !== undefined ? { hours } : {}),
    });
  }
  return out;
}

/** A POST from this site's own pages: the browser says so (Sec-Fetch-Site, Origin). */
export function fromThisSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
