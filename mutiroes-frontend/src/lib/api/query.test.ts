import { describe, expect, it } from "vitest";
import { buildQuery, withQuery } from "./query";

describe("buildQuery", () => {
  it("drops empty values and encodes the rest", () => {
    expect(buildQuery({ q: "praia limpa", city: "", state: undefined, page: 2, near: "-22.9,-43.1", off: false, on: true, none: null })).toBe(
      "?q=praia+limpa&page=2&near=-22.9%2C-43.1&on=true",
    );
  });
  it("repeats array values", () => {
    expect(buildQuery({ interests: ["a", "b"] })).toBe("?interests=a&interests=b");
  });
  it("is empty when nothing is left", () => {
    expect(buildQuery({ q: "" })).toBe("");
    expect(buildQuery(undefined)).toBe("");
  });
  it("appends to a path that already has a query", () => {
    expect(withQuery("/api/x/?a=1", { b: 2 })).toBe("/api/x/?a=1&b=2");
    expect(withQuery("/api/x/", {})).toBe("/api/x/");
  });
});
