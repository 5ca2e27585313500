/** Materials of the impact report, in the order the form shows them. */
export const MATERIALS: ReadonlyArray<{ key: string; label: string }> = [
  { key: "plastic", label: "Plástico" },
  { key: "glass", label: "Vidro" },
  { key: "metal", label: "Metal" },
  { key: "paper", label: "Papel" },
  { key: "organic", label: "Orgânico" },
  { key: "landfill", label: "Rejeito" },
  { key: "other", label: "Outros" },
];

const KNOWN: Record<string, string> = {
  plastic: "Plástico",
  plastico: "Plástico",
  glass: "Vidro",
  vidro: "Vidro",
  metal: "Metal",
  paper: "Papel",
  papel: "Papel",
  organic: "Orgânico",
  organico: "Orgânico",
  other: "Outros",
  landfill: "Rejeito",
  rejeito: "Rejeito",
  waste: "Rejeito",
  electronic: "Eletrônico",
  textile: "Têxtil",
  rubber: "Borracha",
  cigarette: "Bitucas",
};

export function materialLabel(key: string): string {
  return KNOWN[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " ");
}

/** Bars for a chart: label, value and its share of the largest value (0..1). */
export function chartBars(entries: Array<{ label: string; value: number }>): Array<{ label: string; value: number; share: number }> {
  const max = Math.max(0, ...entries.map((e) => e.value));
  return entries.map((e) => ({ ...e, share: max > 0 ? e.value / max : 0 }));
}
