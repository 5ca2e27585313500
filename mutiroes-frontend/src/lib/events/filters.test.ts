import { describe, expect, it } from "vitest";
import { eventFiltersToApiQuery, eventsHref, hasActiveFilters, pageWindow, parseEventFilters, parseNear, totalPages } from "./filters";

describe("parseEventFilters", () => {
  it("reads every filter from pt-BR parameters", () => {
    const f = parseEventFilters({ q: " praia ", categoria: "limpeza-de-praias", cidade: "Rio", uf: "rj", de: "2025-04-01", ate: "2025-04-30", perto: "-22.97,-43.18", raio: "10", pagina: "3", visao: "mapa" });
    expect(f).toEqual({
      q: "praia",
      category: "limpeza-de-praias",
      city: "Rio",
      state: "RJ",
      from: "2025-04-01",
      to: "2025-04-30",
      near: { lat: -22.97, lng: -43.18 },
      radiusKm: 10,
      page: 3,
      view: "mapa",
    });
  });

  it("ignores invalid values instead of failing", () => {
    const f = parseEventFilters({ categoria: "<script>", uf: "XYZ", de: "2025-02-30", perto: "999,1", pagina: "-4", visao: "grid" });
    expect(f).toEqual({ page: 1, view: "lista" });
  });

  it("uses the default radius when near is given without one", () => {
    expect(parseEventFilters({ perto: "-23.55,-46.63" }).radiusKm).toBe(25);
    expect(parseEventFilters({ perto: "-23.55,-46.63", raio: "9999" }).radiusKm).toBe(25);
  });

  it("takes the first of repeated parameters", () => {
    expect(parseEventFilters({ q: ["a", "b"] }).q).toBe("a");
  });
});

describe("parseNear", () => {
  it("accepts lat,lng in range only", () => {
    expect(parseNear("-3.1, -60.02")).toEqual({ lat: -3.1, lng: -60.02 });
    expect(parseNear("1,2,3")).toBeUndefined();
    expect(parseNear("abc,1")).toBeUndefined();
    expect(parseNear("10,200")).toBeUndefined();
  });
});

describe("eventFiltersToApiQuery", () => {
  it("maps to the API's names, dates in São Paulo time, distance ordering with near", () => {
    const q = eventFiltersToApiQuery(parseEventFilters({ de: "2025-04-01", ate: "2025-04-30", perto: "-22.97,-43.18", raio: "5", pagina: "2", categoria: "reciclagem" }), 12);
    expect(q).toEqual({
      q: undefined,
      category: "reciclagem",
      city: undefined,
      state: undefined,
      starts_after: "2025-04-01T00:00:00-03:00",
      starts_before: "2025-04-30T23:59:59-03:00",
      near: "-22.97,-43.18",
      radius_km: 5,
      ordering: "distance",
      page: 2,
      page_size: 12,
    });
  });

  it("orders by start and sends no radius without near", () => {
    const q = eventFiltersToApiQuery(parseEventFilters({}));
    expect(q.ordering).toBe("start");
    expect(q.radius_km).toBeUndefined();
    expect(q.page).toBeUndefined();
  });
});

describe("eventsHref", () => {
  const base = parseEventFilters({ q: "rio", categoria: "limpeza-de-rios", pagina: "4" });

  it("keeps the other filters and goes back to page 1 when a filter changes", () => {
    expect(eventsHref(base, { category: "reciclagem" })).toBe("/eventos?q=rio&categoria=reciclagem");
  });
  it("removes a filter set to undefined", () => {
    expect(eventsHref(base, { category: undefined })).toBe("/eventos?q=rio");
  });
  it("keeps the page when only the page or view changes", () => {
    expect(eventsHref(base, { page: 5 })).toBe("/eventos?q=rio&categoria=limpeza-de-rios&pagina=5");
    expect(eventsHref(base, { view: "mapa" })).toBe("/eventos?q=rio&categoria=limpeza-de-rios&visao=mapa&pagina=4");
  });
  it("round-trips through the parser", () => {
    const f = parseEventFilters({ perto: "-22.97,-43.18", raio: "50", de: "2025-01-01" });
    const url = new URL(eventsHref(f, {}), "http://x");
    expect(parseEventFilters(Object.fromEntries(url.searchParams))).toEqual(f);
  });
});

describe("pagination helpers", () => {
  it("counts pages", () => {
    expect(totalPages(0)).toBe(1);
    expect(totalPages(25, 12)).toBe(3);
  });
  it("shows a window with gaps", () => {
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
  });
  it("knows when filters are active", () => {
    expect(hasActiveFilters(parseEventFilters({ pagina: "2", visao: "mapa" }))).toBe(false);
    expect(hasActiveFilters(parseEventFilters({ uf: "SP" }))).toBe(true);
  });
});
