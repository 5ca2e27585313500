import { describe, expect, it } from "vitest";
import { directionLinks, mapTileUrl } from "./map";

describe("map helpers", () => {
  it("offers Google Maps, Waze and OpenStreetMap routes to the point", () => {
    expect(directionLinks(-12.9561, -38.3556).map((d) => d.href)).toEqual([
      "https://www.google.com/maps/dir/?api=1&destination=-12.9561,-38.3556",
      "https://waze.com/ul?ll=-12.9561,-38.3556&navigate=yes",
      "https://www.openstreetmap.org/?mlat=-12.9561&mlon=-38.3556#map=17/-12.9561/-38.3556",
    ]);
  });
  it("uses OpenStreetMap tiles unless told otherwise", () => {
    expect(mapTileUrl({})).toBe("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    expect(mapTileUrl({ MAP_TILE_URL: "" })).toBe("");
  });
});
