/** The impact report form → the API's body (pure, tested). Derived totals are the API's job. */
import type { Material, ReportBody } from "../api/types";

function num(value: string): number | undefined {
  const v = value.trim().replace(",", ".");
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `materials`: the API's list (GET /api/materials/), the one list of materials. */
export function reportBodyFromForm(get: (name: string) => string, materials: readonly Pick<Material, "key">[]): ReportBody {
  const kilos: ReportBody["materials_kg"] = {};
  for (const m of materials) {
    const kg = num(get(`kg_${m.key}`));
    if (kg !== undefined && kg > 0) kilos[m.key] = kg.toFixed(2);
  }
  const body: ReportBody = {
    materials_kg: kilos,
    summary: get("summary").trim(),
    achievements: get("achievements").trim(),
    challenges: get("challenges").trim(),
  };
  const bags = num(get("bags"));
  if (bags !== undefined) body.bags = Math.round(bags);
  const trees = num(get("trees_planted"));
  if (trees !== undefined) body.trees_planted = Math.round(trees);
  const area = num(get("area_m2"));
  if (area !== undefined) body.area_m2 = area.toFixed(2);
  return body;
}
