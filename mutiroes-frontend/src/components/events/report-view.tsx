import type { ImpactReport, Material } from "@/lib/api/types";
import { formatNumber, toNumber } from "@/lib/format";
import { BarChart } from "@/components/charts/bar-chart";

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-brand-50 p-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-brand-900">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-brand-900">{value}</dd>
    </div>
  );
}

/** Kilos per material with the API's labels, in the API's order; materials with no weight left out. */
export function reportMaterials(kilos: ImpactReport["materials_kg"], materials: readonly Material[]): Array<{ label: string; value: number }> {
  return materials.map((m) => ({ label: m.label, value: toNumber(kilos[m.key]) })).filter((m) => m.value > 0);
}

export function ReportView({ report, materials: list }: { report: ImpactReport; materials: Material[] }) {
  const materials = reportMaterials(report.materials_kg, list);
  const d = report.derived;
  return (
    <section aria-labelledby="impacto-titulo" className="card space-y-4 p-5">
      <h2 id="impacto-titulo" className="text-xl font-semibold">
        Impacto deste mutirão
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Voluntários" value={formatNumber(d.volunteers, 0)} />
        <Stat label="Horas" value={formatNumber(d.volunteer_hours)} />
        <Stat label="Resíduos (kg)" value={formatNumber(d.total_kg)} />
        {toNumber(d.diverted_kg) > 0 ? <Stat label="Desviado do aterro (kg)" value={formatNumber(d.diverted_kg)} /> : null}
        {toNumber(d.co2e_avoided_kg) > 0 ? <Stat label="CO₂e evitado (kg)" value={formatNumber(d.co2e_avoided_kg)} /> : null}
        {toNumber(report.trees_planted) > 0 ? <Stat label="Árvores" value={formatNumber(report.trees_planted, 0)} /> : null}
        {toNumber(report.area_m2) > 0 ? <Stat label="Área (m²)" value={formatNumber(report.area_m2, 0)} /> : null}
        {toNumber(report.bags) > 0 ? <Stat label="Sacos" value={formatNumber(report.bags, 0)} /> : null}
      </dl>
      {materials.length ? <BarChart title="Resíduos por material (kg)" bars={materials} unit="kg" /> : null}
      {report.summary ? <p className="whitespace-pre-line text-stone-800">{report.summary}</p> : null}
      {report.achievements ? (
        <div>
          <h3 className="font-semibold">Conquistas</h3>
          <p className="whitespace-pre-line text-sm text-stone-700">{report.achievements}</p>
        </div>
      ) : null}
      {report.challenges ? (
        <div>
          <h3 className="font-semibold">Desafios</h3>
          <p className="whitespace-pre-line text-sm text-stone-700">{report.challenges}</p>
        </div>
      ) : null}
    </section>
  );
}
