import type { Metadata } from "next";
import Link from "next/link";
import { BarChart, MonthChart } from "@/components/charts/bar-chart";
import { Stat } from "@/components/events/report-view";
import { orThrow } from "@/lib/api/client";
import { listMaterials } from "@/lib/api/events";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadFailed } from "@/components/ui/retry-button";
import { PageHeader } from "@/components/ui/page-header";
import { getPlatformStats } from "@/lib/api/users";
import { getWasteStats } from "@/lib/api/custody";
import { WastePanel } from "@/components/waste/waste-panel";
import { formatDateTime, formatNumber, toNumber } from "@/lib/format";

export const metadata: Metadata = {
  title: "Nosso impacto",
  description: "Mutirões realizados, voluntários, horas, resíduos recolhidos e árvores plantadas, calculados a partir dos relatórios reais.",
};

function categoryName(c: { category: Record<string, unknown> }): string {
  const name = c.category.name;
  return typeof name === "string" ? name : "—";
}

export default async function ImpactPage() {
  const [answer, waste] = await Promise.all([getPlatformStats(), getWasteStats()]);
  const stats = answer.ok ? answer.data : null;
  const t = stats?.totals;
  // Every material, a zero included: the dashboard shows what was not collected too.
  const materials = t ? orThrow(await listMaterials()).map((m) => ({ label: m.label, value: toNumber(t.kg_by_material[m.key]) })) : [];
  return (
    <>
      <PageHeader title="Nosso impacto" description="Números calculados a partir dos relatórios publicados pelas organizações." />
      {!answer.ok ? (
        <LoadFailed title="Não foi possível carregar os números" message={answer.error.message} />
      ) : !stats || !t ? (
        <EmptyState title="Os números ainda não estão disponíveis" action={<Link href="/eventos" className="btn-primary">Ver mutirões</Link>}>
          Assim que os primeiros relatórios de impacto forem publicados, eles aparecem aqui.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="platform-stats">
            <Stat label="Mutirões" value={formatNumber(t.events_completed, 0)} />
            <Stat label="Voluntários" value={formatNumber(t.volunteers, 0)} />
            <Stat label="Horas" value={formatNumber(t.volunteer_hours)} />
            <Stat label="Resíduos (kg)" value={formatNumber(t.total_kg, 1)} />
            <Stat label="Árvores" value={formatNumber(t.trees_planted, 0)} />
            <Stat label="CO₂e evitado (kg)" value={formatNumber(t.co2e_avoided_kg)} />
          </dl>
          <section className="card p-5" data-testid="monthly-trend">
            <MonthChart title="Mutirões realizados por mês (últimos 12 meses)" months={stats.by_month.map((m) => ({ month: m.month, value: m.events_completed }))} />
            <MonthChart title="Horas de voluntariado por mês" unit="h" months={stats.by_month.map((m) => ({ month: m.month, value: toNumber(m.volunteer_hours) }))} />
          </section>
          {materials.length ? (
            <section className="card p-5">
              <BarChart title="Resíduos por material (kg)" unit="kg" bars={materials} />
            </section>
          ) : null}
          {waste.ok ? <WastePanel totals={waste.data} id="destino-titulo" title="Para onde foram os resíduos" /> : null}
          {stats.by_category.length ? (
            <section className="card p-5">
              <BarChart title="Resíduos recolhidos por categoria (kg)" unit="kg" bars={stats.by_category.map((c) => ({ label: categoryName(c), value: toNumber(c.total_kg) }))} />
            </section>
          ) : null}
          {stats.by_city.length ? (
            <section className="card p-5">
              <BarChart
                title="Horas de voluntariado por cidade"
                unit="h"
                bars={stats.by_city
                  .map((c) => ({ label: `${c.city}/${c.state}`, value: toNumber(c.volunteer_hours) }))
                  .sort((a, b) => b.value - a.value)
                  .slice(0, 10)}
              />
            </section>
          ) : null}
          <p className="text-xs text-stone-600">
            Atualizado em {formatDateTime(stats.computed_at)}. Quilos, horas e CO₂e com uma casa decimal, como em cada mutirão. CO₂e estimado com fatores de
            referência por material
            {stats.co2e_factors ? (
              <>
                {" "}
                (
                <a href={stats.co2e_factors.source_url} target="_blank" rel="noopener noreferrer">
                  como calculamos: {stats.co2e_factors.source}
                </a>
                )
              </>
            ) : null}
            .
          </p>
        </div>
      )}
    </>
  );
}
