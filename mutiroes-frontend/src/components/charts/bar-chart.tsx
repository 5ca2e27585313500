import { chartBars } from "@/lib/impact";
import { formatNumber } from "@/lib/format";

/** Horizontal bars in plain SVG, with the numbers also available as text for screen readers. */
export function BarChart({ title, bars, unit }: { title: string; bars: Array<{ label: string; value: number }>; unit?: string }) {
  const rows = chartBars(bars);
  const rowH = 28;
  const labelW = 130;
  const width = 480;
  const barW = width - labelW - 70;
  const height = rows.length * rowH;
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-semibold text-stone-800">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-xl" role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value)}${unit ? ` ${unit}` : ""}`).join("; ")}`}>
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * rowH})`}>
            <text x={labelW - 8} y={rowH / 2} dominantBaseline="middle" textAnchor="end" fontSize="13" fill="#44403c">
              {r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label}
            </text>
            <rect x={labelW} y={5} width={Math.max(2, r.share * barW)} height={rowH - 10} rx={4} fill="#1f8a4c" />
            <text x={labelW + Math.max(2, r.share * barW) + 6} y={rowH / 2} dominantBaseline="middle" fontSize="13" fill="#1c1917">
              {formatNumber(r.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
