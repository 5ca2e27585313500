import { describe, expect, it } from "vitest";
import { safeNextPath, siteUrl } from "./site";
import { chartBars } from "./impact";
import { parseId } from "./route-params";
import { apiBaseUrl } from "./api/config";
import { mapTileUrl } from "./map";

describe("safeNextPath", () => {
  it("accepts same-site paths only", () => {
    expect(safeNextPath("/eventos/3")).toBe("/eventos/3");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example", "/eventos")).toBe("/eventos");
    expect(safeNextPath(undefined)).toBe("/");
  });

  it("refuses every way out of the site that browsers accept", () => {
    const attacks = [
      "/\t/evil.example/x", // browsers drop the tab: "//evil.example/x"
      "/%09/evil.example/x".replace("%09", "\t"),
      "/\n/evil.example",
      "/\r/evil.example",
      "/ /evil.example",
      "/\\/evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\u0000/evil.example",
      "/\u007f/evil.example",
      "///evil.example",
      "/.//evil.example",
      "/../..//evil.example",
      "javascript:alert(1)",
      "http:evil.example",
      "https://evil.example",
      "",
    ];
    for (const attack of attacks) {
      expect(safeNextPath(attack, "/eventos"), JSON.stringify(attack)).toBe("/eventos");
    }
  });

  it("keeps query strings and fragments of same-site paths", () => {
    expect(safeNextPath("/eventos?q=praia&page=2")).toBe("/eventos?q=praia&page=2");
    expect(safeNextPath("/eventos/3#comentarios")).toBe("/eventos/3#comentarios");
    expect(safeNextPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });
});

describe("configuration from the environment", () => {
  it("has sensible defaults", () => {
    expect(siteUrl({})).toBe("http://localhost:3000");
    expect(siteUrl({ PUBLIC_SITE_URL: "https://mutiroes.example/" })).toBe("https://mutiroes.example");
    expect(apiBaseUrl({})).toBe("http://127.0.0.1:8000");
    expect(apiBaseUrl({ API_INTERNAL_URL: "http://nginx:8080/" })).toBe("http://nginx:8080");
    expect(mapTileUrl({})).toContain("{z}/{x}/{y}");
    expect(mapTileUrl({ MAP_TILE_URL: "" })).toBe("");
  });
});

describe("small helpers", () => {
  it("parses route ids", () => {
    expect(parseId("12")).toBe(12);
    expect(parseId("0")).toBeNull();
    expect(parseId("1e3")).toBeNull();
    expect(parseId(undefined)).toBeNull();
  });
  it("scales chart bars", () => {
    expect(chartBars([{ label: "a", value: 5 }, { label: "b", value: 10 }]).map((b) => b.share)).toEqual([0.5, 1]);
    expect(chartBars([{ label: "a", value: 0 }])[0]?.share).toBe(0);
  });
});
