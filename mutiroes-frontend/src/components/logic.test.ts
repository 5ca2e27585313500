import { describe, expect, it } from "vitest";
import type { CommentReply, Resource } from "@/lib/api/types";
import { threadComments } from "./events/comments-section";
import { resourceMissing } from "./events/resources-section";
import { participantActions } from "./manage/participant-row";

describe("threadComments", () => {
  it("nests replies one level under their parent, oldest first", () => {
    const c = (id: number, parent: number | null, at: string): CommentReply => ({ id, parent, created_at: at, body: `c${id}`, author: { id: 1, name: "A" } });
    const threads = threadComments([c(1, null, "2025-01-01"), c(3, 1, "2025-01-03"), c(2, 1, "2025-01-02"), c(4, null, "2025-01-04"), c(5, 99, "2025-01-05")]);
    expect(threads.map((t) => t.id)).toEqual([1, 4]);
    expect(threads[0]?.replies.map((r) => r.id)).toEqual([2, 3]);
  });
});

describe("resourceMissing", () => {
  it("is what is still needed, never negative", () => {
    const r = (needed: number, pledged: number, missing?: number): Pick<Resource, "missing" | "quantity_needed" | "pledged"> => ({
      quantity_needed: needed,
      pledged,
      missing: missing as number,
    });
    expect(resourceMissing(r(10, 4))).toBe(6);
    expect(resourceMissing(r(10, 14))).toBe(0);
    expect(resourceMissing(r(10, 4, 2))).toBe(2);
  });
});

describe("participantActions", () => {
  it("offers approve/reject for pending, check-in then check-out for confirmed", () => {
    expect(participantActions({ status: "pending", checked_in_at: null, checked_out_at: null }, true)).toEqual({ approve: true, reject: true, checkIn: false, checkOut: false, correctHours: false });
    expect(participantActions({ status: "confirmed", checked_in_at: null, checked_out_at: null }, true)).toMatchObject({ checkIn: true, checkOut: false });
    expect(participantActions({ status: "confirmed", checked_in_at: null, checked_out_at: null }, false)).toMatchObject({ checkIn: false });
    expect(participantActions({ status: "confirmed", checked_in_at: "x", checked_out_at: null }, true)).toMatchObject({ checkIn: false, checkOut: true });
    expect(participantActions({ status: "confirmed", checked_in_at: "x", checked_out_at: "y" }, true)).toMatchObject({ checkIn: false, checkOut: false, correctHours: true });
  });
});
