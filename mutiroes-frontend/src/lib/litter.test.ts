import { describe, expect, it } from "vitest";
import { parseBagWeights, receiptPath } from "./litter";

describe("bag weights", () => {
  it("reads one pt-BR weight per bag", () => {
    expect(parseBagWeights("2,5; 3 4,25")).toEqual(["2.50", "3.00", "4.25"]);
    expect(parseBagWeights(" 1.200,5 ")).toEqual(["1200.50"]);
  });

  it("names the first weight it cannot read", () => {
    expect(parseBagWeights("")).toBe("Informe o peso de cada saco, em kg.");
    expect(parseBagWeights("2; abc")).toMatch(/^“abc”: /);
    expect(parseBagWeights("0")).toMatch(/^“0”: Informe um valor maior ou igual a 0,01/);
  });
});

describe("receipt link", () => {
  it("carries the token as ?token= (redacted from access logs)", () => {
    expect(receiptPath("a b+c")).toBe("/recebimento?token=a%20b%2Bc");
  });
});
