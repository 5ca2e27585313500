import { describe, expect, it } from "vitest";
import { linkifyParts } from "./linkify";

describe("linkifyParts", () => {
  it("finds web addresses and leaves the sentence's punctuation out", () => {
    expect(linkifyParts("Inscrições em https://exemplo.org/form?id=1. Até lá!")).toEqual([
      { kind: "text", text: "Inscrições em " },
      { kind: "url", text: "https://exemplo.org/form?id=1", href: "https://exemplo.org/form?id=1" },
      { kind: "text", text: ". Até lá!" },
    ]);
  });
  it("never makes a link of anything but http and https", () => {
    expect(linkifyParts("javascript:alert(1) ftp://x.org")).toEqual([{ kind: "text", text: "javascript:alert(1) ftp://x.org" }]);
  });
});
