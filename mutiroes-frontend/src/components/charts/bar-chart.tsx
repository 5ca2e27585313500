import { chartBars, monthLabel } from "@/lib/impact";
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
            {/* a zero keeps its row and says 0, with no bar (not a sliver that reads as "a little") */}
            {r.value > 0 ? <rect x={labelW} y={5} width={Math.max(2, r.share * barW)} height={rowH - 10} rx={4} fill="#1f8a4c" /> : null}
            <text x={labelW + (r.value > 0 ? Math.max(2, r.share * barW) : 0) + 6} y={rowH / 2} dominantBaseline="middle" fontSize="13" fill="#1c1917">
              {formatNumber(r.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** The monthly trend: one column per month, oldest first, months with nothing drawn as a 0. */
export function MonthChart({ title, months, unit }: { title: string; months: Array<{ month: string; value: number }>; unit?: string }) {
  const rows = chartBars(months.map((m) => ({ label: monthLabel(m.month), value: m.value })));
  const colW = 44;
  const chartH = 120;
  const width = rows.length * colW;
  const height = chartH + 44;
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-semibold text-stone-800">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-2xl" role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value)}${unit ? ` ${unit}` : ""}`).join("; ")}`}>
        {rows.map((r, i) => {
          const h = r.value > 0 ? Math.max(2, r.share * chartH) : 0;
          return (
            <g key={`${r.label}-${i}`} transform={`translate(${i * colW} 0)`}>
              {h ? <rect x={8} y={18 + chartH - h} width={colW - 16} height={h} rx={3} fill="#1f8a4c" /> : null}
              <text x={colW / 2} y={14 + chartH - h} textAnchor="middle" fontSize="11" fill="#1c1917">
                {formatNumber(r.value)}
              </text>
              <line x1={2} x2={colW - 2} y1={18 + chartH} y2={18 + chartH} stroke="#a8a29e" />
              <text x={colW / 2} y={chartH + 36} textAnchor="middle" fontSize="11" fill="#44403c">
                {r.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
