/** The impact report form → the API's body, or the fields to fix (pure, tested). Derived totals are the API's job. */
import type { Material, ReportBody } from "../api/types";
import { apiDecimal, parseNumberBR, type NumberRules } from "../numbers";

const KG: NumberRules = { decimals: 2, max: 999_999_999 };

/** `materials`: the API's list (GET /api/materials/), the one list of materials. Each bad number is
 * refused on its own field (never saved as 0, never rounded); pt-BR numbers ("1.500,5") are read. */
export function reportBodyFromForm(
  get: (name: string) => string,
  materials: readonly Pick<Material, "key">[],
): { body: ReportBody; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const read = (name: string, rules: NumberRules): number | null => {
    const parsed = parseNumberBR(get(name), rules);
    if (parsed.ok) return parsed.value;
    errors[name] = [parsed.error];
    return null;
  };
  const kilos: ReportBody["materials_kg"] = {};
  for (const m of materials) {
    const kg = read(`kg_${m.key}`, KG);
    if (kg !== null && kg > 0) kilos[m.key] = apiDecimal(kg);
  }
  const body: ReportBody = {
    materials_kg: kilos,
    summary: get("summary").trim(),
    achievements: get("achievements").trim(),
    challenges: get("challenges").trim(),
  };
  const bags = read("bags", { integer: true, max: 1_000_000 });
  if (bags !== null) body.bags = bags;
  const trees = read("trees_planted", { integer: true, max: 10_000_000 });
  if (trees !== null) body.trees_planted = trees;
  const area = read("area_m2", KG);
  if (area !== null) body.area_m2 = apiDecimal(area);
  return { body, errors };
}

/** The API names a material's error "materials_kg.plastic"; the form's field is "kg_plastic". */
export function reportFieldName(apiField: string): string {
  return apiField.startsWith("materials_kg.") ? `kg_${apiField.slice("materials_kg.".length)}` : apiField;
}
