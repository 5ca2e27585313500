import { describe, expect, it } from "vitest";
import type { Material } from "../api/types";
import { reportBodyFromForm, reportFieldName } from "./report-form";

const MATERIALS: Material[] = [
  { key: "plastic", label: "Plástico" },
  { key: "glass", label: "Vidro" },
  { key: "metal", label: "Metal" },
  { key: "paper", label: "Papel/papelão" },
];

describe("reportBodyFromForm", () => {
  it("sends only materials with weight, as decimals, and never derived totals", () => {
    const values: Record<string, string> = { kg_plastic: "1.500,5", kg_glass: "0", kg_metal: "", bags: "7", trees_planted: "", area_m2: "1.500", summary: " Ótimo dia " };
    const { body, errors } = reportBodyFromForm((n) => values[n] ?? "", MATERIALS);
    expect(errors).toEqual({});
    expect(body).toEqual({
      materials_kg: { plastic: "1500.50" },
      summary: "Ótimo dia",
      achievements: "",
      challenges: "",
      bags: 7,
      area_m2: "1500.00",
    });
    expect(body).not.toHaveProperty("total_kg");
  });
  it("refuses each bad value on its own field instead of saving it as 0 or rounding it", () => {
    const values: Record<string, string> = { kg_plastic: "-5", kg_glass: "abc", trees_planted: "2,5", bags: "3" };
    const { errors } = reportBodyFromForm((n) => values[n] ?? "", MATERIALS);
    expect(errors).toEqual({
      kg_plastic: ["Informe um valor maior ou igual a 0."],
      kg_glass: ["Use só algarismos, como 1.500,5."],
      trees_planted: ["Informe um número inteiro."],
    });
  });
  it("names the API's material errors after the form's fields", () => {
    expect(reportFieldName("materials_kg.plastic")).toBe("kg_plastic");
    expect(reportFieldName("bags")).toBe("bags");
  });
});
