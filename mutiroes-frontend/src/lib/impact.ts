/** Bars for a chart: label, value and its share of the largest value (0..1). */
export function chartBars(entries: Array<{ label: string; value: number }>): Array<{ label: string; value: number; share: number }> {
  const max = Math.max(0, ...entries.map((e) => e.value));
  return entries.map((e) => ({ ...e, share: max > 0 ? e.value / max : 0 }));
}

/** A trend month ("2026-03", São Paulo time as the API groups it) as "mar. 26". */
export function monthLabel(month: string): string {
  const [year, mon] = month.split("-").map(Number);
  if (!year || !mon) return month;
  // Noon UTC of the 1st: the same calendar day in every Brazilian time zone.
  const day = new Date(Date.UTC(year, mon - 1, 1, 12));
  return new Intl.DateTimeFormat("pt-BR", { month: "short", year: "2-digit", timeZone: "UTC" }).format(day).replace(" de ", " ");
}
