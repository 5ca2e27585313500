import { describe, expect, it } from "vitest";
import type { Material } from "../api/types";
import { reportBodyFromForm } from "./report-form";

const MATERIALS: Material[] = [
  { key: "plastic", label: "Plástico" },
  { key: "glass", label: "Vidro" },
  { key: "metal", label: "Metal" },
  { key: "paper", label: "Papel/papelão" },
];

describe("reportBodyFromForm", () => {
  it("sends only materials with weight, as decimals, and never derived totals", () => {
    const values: Record<string, string> = { kg_plastic: "12,5", kg_glass: "0", kg_metal: "", bags: "7.4", trees_planted: "", area_m2: "300", summary: " Ótimo dia " };
    const body = reportBodyFromForm((n) => values[n] ?? "", MATERIALS);
    expect(body).toEqual({
      materials_kg: { plastic: "12.50" },
      summary: "Ótimo dia",
      achievements: "",
      challenges: "",
      bags: 7,
      area_m2: "300.00",
    });
    expect(body).not.toHaveProperty("total_kg");
  });
  it("ignores negative numbers", () => {
    expect(reportBodyFromForm((n) => (n === "kg_paper" ? "-3" : ""), MATERIALS)).toMatchObject({ materials_kg: {} });
  });
});
