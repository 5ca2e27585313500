import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { Stat } from "@/components/events/report-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPlatformStats } from "@/lib/api/users";
import { formatNumber, toNumber } from "@/lib/format";

export const metadata: Metadata = {
  title: "Nosso impacto",
  description: "Mutirões realizados, voluntários, horas, resíduos recolhidos e árvores plantadas, calculados a partir dos relatórios reais.",
};

export default async function ImpactPage() {
  const stats = await getPlatformStats();
  return (
    <>
      <PageHeader title="Nosso impacto" description="Números calculados a partir dos relatórios publicados pelas organizações." />
      {!stats ? (
        <EmptyState title="Os números ainda não estão disponíveis" action={<Link href="/eventos" className="btn-primary">Ver mutirões</Link>}>
          Assim que os primeiros relatórios de impacto forem publicados, eles aparecem aqui.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="platform-stats">
            <Stat label="Mutirões" value={formatNumber(stats.events, 0)} />
            <Stat label="Voluntários" value={formatNumber(stats.volunteers, 0)} />
            <Stat label="Horas" value={formatNumber(stats.volunteer_hours, 0)} />
            <Stat label="Resíduos (kg)" value={formatNumber(stats.trash_kg, 0)} />
            <Stat label="Árvores" value={formatNumber(stats.trees_planted, 0)} />
          </dl>
          {stats.by_category?.length ? (
            <section className="card p-5">
              <BarChart title="Mutirões por categoria" bars={stats.by_category.map((c) => ({ label: c.name, value: toNumber(c.events) }))} />
            </section>
          ) : null}
          {stats.by_category?.some((c) => toNumber(c.trash_kg) > 0) ? (
            <section className="card p-5">
              <BarChart title="Resíduos recolhidos por categoria (kg)" unit="kg" bars={stats.by_category.map((c) => ({ label: c.name, value: toNumber(c.trash_kg) })).filter((b) => b.value > 0)} />
            </section>
          ) : null}
          {stats.by_city?.length ? (
            <section className="card p-5">
              <BarChart
                title="Horas de voluntariado por cidade"
                unit="h"
                bars={stats.by_city
                  .map((c) => ({ label: `${c.city}${c.state ? `/${c.state}` : ""}`, value: toNumber(c.volunteer_hours ?? c.events) }))
                  .sort((a, b) => b.value - a.value)
                  .slice(0, 10)}
              />
            </section>
          ) : null}
        </div>
      )}
    </>
  );
}
