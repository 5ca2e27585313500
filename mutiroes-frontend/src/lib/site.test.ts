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
