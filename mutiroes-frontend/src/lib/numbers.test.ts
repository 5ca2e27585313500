import { describe, expect, it } from "vitest";
import { formatNumberBR, numberInputValue, parseNumberBR } from "./numbers";

describe("parseNumberBR", () => {
  it.each([
    ["1.500,5", 1500.5],
    ["1.500", 1500],
    ["1500,5", 1500.5],
    ["12,50", 12.5],
    ["12.50", 12.5],
    ["2.000.000", 2_000_000],
    [" 7 ", 7],
    ["1 500,5", 1500.5],
    ["0", 0],
  ])("reads %s as %d", (raw, value) => {
    expect(parseNumberBR(raw, { decimals: 2 })).toEqual({ ok: true, value });
  });
  it("reads an empty field as nothing", () => {
    expect(parseNumberBR("  ")).toEqual({ ok: true, value: null });
  });
  it.each([
    ["abc", "Use só algarismos, como 1.500,5."],
    ["12kg", "Use só algarismos, como 1.500,5."],
    ["1,500,5", "Use só algarismos, como 1.500,5."],
    ["-5", "Informe um valor maior ou igual a 0."],
  ])("refuses %s", (raw, error) => {
    expect(parseNumberBR(raw)).toEqual({ ok: false, error });
  });
  it("refuses a fraction where a whole number is meant instead of rounding it", () => {
    expect(parseNumberBR("2,5", { integer: true })).toEqual({ ok: false, error: "Informe um número inteiro." });
    expect(parseNumberBR("2.5", { integer: true })).toEqual({ ok: false, error: "Informe um número inteiro." });
  });
  it("keeps to the bounds and the decimal places", () => {
    expect(parseNumberBR("0", { integer: true, min: 1 })).toEqual({ ok: false, error: "Informe um valor maior ou igual a 1." });
    expect(parseNumberBR("25", { max: 24 })).toEqual({ ok: false, error: "Informe um valor menor ou igual a 24." });
    expect(parseNumberBR("1,255", { decimals: 2 })).toEqual({ ok: false, error: "Use no máximo 2 casas decimais." });
  });
});

describe("formatting", () => {
  it("writes pt-BR numbers the parser reads back", () => {
    expect(formatNumberBR(1500.5)).toBe("1.500,5");
    expect(numberInputValue("1500.50")).toBe("1.500,5");
    expect(numberInputValue("12.50")).toBe("12,5");
    expect(numberInputValue(null)).toBe("");
    expect(parseNumberBR(numberInputValue("1500.50"))).toEqual({ ok: true, value: 1500.5 });
  });
});
