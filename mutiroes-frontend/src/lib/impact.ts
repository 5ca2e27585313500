/** Bars for a chart: label, value and its share of the largest value (0..1). */
export function chartBars(entries: Array<{ label: string; value: number }>): Array<{ label: string; value: number; share: number }> {
  const max = Math.max(0, ...entries.map((e) => e.value));
  return entries.map((e) => ({ ...e, share: max > 0 ? e.value / max : 0 }));
}
