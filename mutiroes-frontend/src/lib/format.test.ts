import { describe, expect, it } from "vitest";
import { formatDate, formatDistance, formatHours, formatRange, formatShortDate, isoToSaoPauloLocal, saoPauloLocalToIso, toNumber, tzOffsetMinutes } from "./format";

describe("São Paulo time", () => {
  it("turns a datetime-local value into ISO with the -03:00 offset", () => {
    expect(saoPauloLocalToIso("2025-04-12T08:00")).toBe("2025-04-12T08:00:00-03:00");
    expect(saoPauloLocalToIso("bad")).toBeNull();
  });
  it("uses the offset in force at that date (daylight saving until 2019)", () => {
    expect(tzOffsetMinutes(new Date("2018-01-15T12:00:00Z"))).toBe(-120);
    expect(tzOffsetMinutes(new Date("2025-01-15T12:00:00Z"))).toBe(-180);
  });
  it("shows an instant as São Paulo local time for editing", () => {
    expect(isoToSaoPauloLocal("2025-04-12T11:00:00Z")).toBe("2025-04-12T08:00");
    expect(isoToSaoPauloLocal(saoPauloLocalToIso("2025-12-31T23:30"))).toBe("2025-12-31T23:30");
    expect(isoToSaoPauloLocal(null)).toBe("");
  });
  it("shortens a same-day range", () => {
    const text = formatRange("2025-04-12T11:00:00Z", "2025-04-12T15:00:00Z");
    expect(text).toContain("08:00");
    expect(text.endsWith("– 12:00")).toBe(true);
  });
});

describe("numbers", () => {
  it("reads decimal strings from the API", () => {
    expect(toNumber("3.50")).toBe(3.5);
    expect(toNumber(null)).toBe(0);
    expect(toNumber("x")).toBe(0);
  });
  it("formats hours and distances in pt-BR", () => {
    expect(formatHours("1.00")).toBe("1 hora");
    expect(formatHours("2.5")).toBe("2,5 horas");
    expect(formatDistance(0.42)).toBe("420 m");
    expect(formatDistance(12.345)).toBe("12,3 km");
    expect(formatDistance(null)).toBeNull();
  });
  it("reads a date-only value as that calendar day, not the day before", () => {
    expect(formatDate("2026-04-12")).toBe("12 de abril de 2026");
    expect(formatShortDate("2026-01-01")).toBe("01 de jan");
  });
});
