import { describe, expect, it } from "vitest";
import { makeOperation } from "./queue";
import { attendanceBody, fromThisSite, parseSyncRequest } from "./sync-request";

const op = makeOperation({ eventId: 3, action: "check-in", participationId: 9, label: "Ana" }, new Date("2026-02-01T10:00:00Z"), () => "6f1c2a9e-8d4b-4f7a-9c1e-2b3d4e5f6a7b");

describe("the field sync request", () => {
  it("turns a queued operation into the API's body, the key included", () => {
    expect(attendanceBody(op)).toEqual({ key: op.key, action: "check-in", occurred_at: "2026-02-01T10:00:00.000Z", participation_id: 9 });
    expect(attendanceBody({ ...op, action: "check-out", hours: "1.50" })).toMatchObject({ action: "check-out", hours: "1.50" });
  });

  it("accepts what the field screen sends and nothing else", () => {
    expect(parseSyncRequest({ operations: [attendanceBody(op)] })).toEqual([attendanceBody(op)]);
    for (const bad of [
      null,
      [],
      { operations: [] },
      { operations: [{ ...attendanceBody(op), key: "1" }] },
      { operations: [{ ...attendanceBody(op), action: "delete" }] },
      { operations: [{ ...attendanceBody(op), occurred_at: "ontem" }] },
      { operations: [{ ...attendanceBody(op), participation_id: "9" }] },
      { operations: Array(26).fill(attendanceBody(op)) },
    ]) {
      expect(parseSyncRequest(bad)).toBeNull();
    }
  });

  it("takes posts from this site only", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(fromThisSite(headers({ origin: "https://mutiroes.org", host: "mutiroes.org", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(fromThisSite(headers({ origin: "http://127.0.0.1:8080", "x-forwarded-host": "127.0.0.1:8080", host: "127.0.0.1:3002" }))).toBe(true);
    expect(fromThisSite(headers({ origin: "https://evil.example", host: "mutiroes.org" }))).toBe(false);
    expect(fromThisSite(headers({ origin: "https://mutiroes.org", host: "mutiroes.org", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(fromThisSite(headers({ host: "mutiroes.org" }))).toBe(false);
  });
});
