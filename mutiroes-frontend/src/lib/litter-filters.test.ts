import { describe, expect, it } from "vitest";
import { litterHref, parseLitterFilters } from "./litter-filters";

describe("litter filters", () => {
  it("reads the URL and ignores what is not a filter value", () => {
    expect(parseLitterFilters({ cidade: " Recife ", tamanho: "truck", dias: "30", situacao: "limpos", pagina: "2" })).toEqual({
      city: "Recife",
      size: "truck",
      age: 30,
      status: "cleaned",
      area: "",
      page: 2,
    });
    expect(parseLitterFilters({ tamanho: "ship", dias: "-1", pagina: "x", area: "1,2,3" })).toEqual({ city: "", size: "", age: null, status: "open", area: "", page: 1 });
    expect(parseLitterFilters({ area: "-23.1,-43.3,-22.9,-43.1" }).area).toBe("-23.1,-43.3,-22.9,-43.1");
  });

  it("writes the URL back, resetting the page on a change", () => {
    const f = parseLitterFilters({ cidade: "Niterói", pagina: "3" });
    expect(litterHref(f)).toBe("/pontos?cidade=Niter%C3%B3i");
    expect(litterHref(f, { page: 2 })).toBe("/pontos?cidade=Niter%C3%B3i&pagina=2");
    expect(litterHref(f, { size: "bag", city: "" })).toBe("/pontos?tamanho=bag");
    expect(litterHref(f, { area: "-23.1,-43.3,-22.9,-43.1" })).toBe("/pontos?cidade=Niter%C3%B3i&area=-23.1%2C-43.3%2C-22.9%2C-43.1");
  });
});
