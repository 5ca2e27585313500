import { describe, expect, it } from "vitest";
import { chartBars, monthLabel } from "./impact";

describe("the impact dashboard's charts", () => {
  it("keeps a zero as a row with no bar", () => {
    expect(chartBars([{ label: "a", value: 0 }, { label: "b", value: 4 }])).toEqual([
      { label: "a", value: 0, share: 0 },
      { label: "b", value: 4, share: 1 },
    ]);
  });
  it("names a trend month in pt-BR", () => {
    expect(monthLabel("2026-03")).toBe("mar. 26");
    expect(monthLabel("2025-12")).toBe("dez. 25");
    expect(monthLabel("??")).toBe("??");
  });
});
