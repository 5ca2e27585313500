import { describe, expect, it } from "vitest";
import type { CommentReply } from "@/lib/api/types";
import { threadComments } from "./events/comments-section";

describe("threadComments", () => {
  it("nests replies one level under their parent, oldest first", () => {
    const c = (id: number, parent: number | null, at: string): CommentReply => ({ id, parent, created_at: at, body: `c${id}`, author: { id: 1, name: "A", is_public: false }, edited_at: null, is_hidden: false });
    const threads = threadComments([c(1, null, "2025-01-01"), c(3, 1, "2025-01-03"), c(2, 1, "2025-01-02"), c(4, null, "2025-01-04"), c(5, 99, "2025-01-05")]);
    expect(threads.map((t) => t.id)).toEqual([1, 4]);
    expect(threads[0]?.replies.map((r) => r.id)).toEqual([2, 3]);
  });
});
