import { describe, expect, it } from "vitest";

import { personalCaches } from "./device";

describe("personalCaches", () => {
  it("deletes the kept pages and the viewer on sign-out, but keeps the shared files and the offline page", () => {
    expect(personalCaches(["mutiroes-pages", "mutiroes-meta", "mutiroes-static-v1", "mutiroes-static-v2", "other-app"])).toEqual([
      "mutiroes-pages",
      "mutiroes-meta",
    ]);
  });
});
