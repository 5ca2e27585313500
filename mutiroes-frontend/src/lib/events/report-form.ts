/** The impact report form → the API's body (pure, tested). Derived totals are the API's job. */
import { MATERIALS } from "../impact";

function num(value: string): number | undefined {
  const v = value.trim().replace(",", ".");
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function reportBodyFromForm(get: (name: string) => string): Record<string, unknown> {
  const materials: Record<string, string> = {};
  for (const m of MATERIALS) {
    const kg = num(get(`kg_${m.key}`));
    if (kg !== undefined && kg > 0) materials[m.key] = kg.toFixed(2);
  }
  const body: Record<string, unknown> = {
    trash_kg_by_material: materials,
    summary: get("summary").trim(),
    achievements: get("achievements").trim(),
    challenges: get("challenges").trim(),
  };
  const optional: Array<[string, "int" | "dec"]> = [
    ["bags", "int"],
    ["trees_planted", "int"],
    ["area_m2", "dec"],
    ["recyclables_kg", "dec"],
  ];
  for (const [key, kind] of optional) {
    const n = num(get(key));
    if (n !== undefined) body[key] = kind === "int" ? Math.round(n) : n.toFixed(2);
  }
  return body;
}
