import { describe, expect, it } from "vitest";
import { placeAt, placeCount, placeLabel, resolvePlace, searchPlaces } from "./places";

const names = (q: string) => searchPlaces(q).map(placeLabel);

describe("the municipality gazetteer", () => {
  it("holds every Brazilian municipality, each with a point in Brazil", () => {
    expect(placeCount()).toBe(5570);
  });
  it("finds towns far from the capitals, ignoring accents and case", () => {
    expect(names("ubatuba")).toEqual(["Ubatuba (SP)"]);
    expect(names("CHUI")).toContain("Chuí (RS)");
    expect(names("oiapoque")).toEqual(["Oiapoque (AP)"]);
  });
  it("puts the whole name first, then names that start with what was typed", () => {
    const found = names("campinas");
    expect(found[0]).toBe("Campinas (SP)");
    expect(found).toContain("Campinas do Piauí (PI)");
    expect(names("sao paulo")[0]).toBe("São Paulo (SP)");
  });
  it("narrows by a UF typed after the name, as the field shows it", () => {
    expect(names("Mesquita (RJ)")).toEqual(["Mesquita (RJ)"]);
    expect(names("mesquita mg")).toEqual(["Mesquita (MG)"]);
    expect(resolvePlace("Santos (SP)")?.code).toBe("3548500");
  });
  it("names the municipality at a seat's coordinates, and nothing elsewhere", () => {
    const santos = resolvePlace("Santos (SP)")!;
    expect(placeAt({ lat: santos.lat, lng: santos.lng })?.name).toBe("Santos");
    expect(placeAt({ lat: -25.5, lng: -40 })).toBeUndefined();
  });
  it("returns nothing for nothing", () => {
    expect(searchPlaces("   ")).toEqual([]);
    expect(resolvePlace(undefined)).toBeUndefined();
  });
});
