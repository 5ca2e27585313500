import Link from "next/link";
import { EventGrid } from "@/components/events/event-card";
import { NearMeButton } from "@/components/events/near-me-button";
import { Stat } from "@/components/events/report-view";
import { EmptyState } from "@/components/ui/empty-state";
import { listEvents } from "@/lib/api/events";
import { getPlatformStats } from "@/lib/api/users";
import { NearPlaceField } from "@/components/places/near-place-field";
import { formatNear, parseEventFilters, type SearchParamsInit } from "@/lib/events/filters";
import { formatNumber, toNumber } from "@/lib/format";
import { nearLabel, placeAt, withTypedPlace } from "@/lib/places/places";

type Props = { searchParams: Promise<SearchParamsInit> };

export default async function HomePage({ searchParams }: Props) {
  const sp = withTypedPlace(await searchParams);
  const base = parseEventFilters({ perto: sp.perto, raio: sp.raio ?? "50" });
  const [events, stats] = await Promise.all([listEvents({ ...base, page: 1, view: "lista" }, 6), getPlatformStats()]).then(([e, s]) => [e, s.ok ? s.data : null] as const);
  const nearCity = placeAt(base.near);
  const moreHref = base.near ? `/eventos?perto=${formatNear(base.near)}&raio=${base.radiusKm}` : "/eventos";

  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-gradient-to-br from-brand-800 to-sea-700 px-6 py-10 text-white sm:px-10 sm:py-14">
        <h1 className="max-w-2xl text-3xl font-bold text-white sm:text-4xl">Cuide do lugar onde você vive, junto com seus vizinhos.</h1>
        <p className="mt-3 max-w-xl text-lg text-brand-50">
          Limpeza de praias e rios, plantio de árvores, hortas comunitárias: encontre um mutirão perto de você e veja o impacto que fizemos juntos.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/eventos" className="btn bg-white text-brand-900 hover:bg-brand-50">
            Encontrar mutirões
          </Link>
          <Link href="/eventos/novo" className="btn border border-white/70 text-white hover:bg-white/10">
            Organizar um mutirão
          </Link>
        </div>
      </section>

      {/* A new platform has nothing to show yet: no "0 / 0 / 0 / 0". */}
      {stats && (stats.totals.events_completed > 0 || toNumber(stats.totals.volunteer_hours) > 0) ? (
        <section aria-labelledby="impacto-home">
          <h2 id="impacto-home" className="mb-4 text-2xl font-bold">
            Nosso impacto até agora
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Mutirões realizados" value={formatNumber(stats.totals.events_completed, 0)} />
            <Stat label="Voluntários" value={formatNumber(stats.totals.volunteers, 0)} />
            <Stat label="Horas de voluntariado" value={formatNumber(stats.totals.volunteer_hours)} />
            <Stat label="Resíduos recolhidos (kg)" value={formatNumber(stats.totals.total_kg)} />
          </dl>
          <p className="mt-3 text-sm">
            <Link href="/impacto">Ver o painel de impacto completo →</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="proximos" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="proximos" className="text-2xl font-bold">
              {base.near ? `Próximos mutirões perto ${nearCity ? `de ${nearCity.name}` : "de você"}` : "Próximos mutirões"}
            </h2>
            <p className="text-sm text-stone-600">{base.near ? `Num raio de ${base.radiusKm} km.` : "Use sua localização ou escolha uma cidade."}</p>
          </div>
          <div className="flex flex-wrap items-start gap-3">
            <NearMeButton label="Usar minha localização" />
            <form method="get" action="/#proximos" className="flex items-end gap-2">
              <div className="w-64">
                <NearPlaceField id="home-cidade" label="Cidade" near={base.near ? formatNear(base.near) : ""} nearLabel={nearLabel(base.near)} />
              </div>
              <button type="submit" className="btn-secondary">
                Ver
              </button>
            </form>
          </div>
        </div>
        {events.ok && events.data.results.length ? (
          <EventGrid events={events.data.results} headingLevel={3} />
        ) : (
          <EmptyState
            title={base.near ? "Nenhum mutirão por perto ainda" : "Nenhum mutirão agendado"}
            action={
              <Link href="/eventos/novo" className="btn-primary">
                Organize um mutirão
              </Link>
            }
          >
            {events.ok ? "Que tal organizar o primeiro da sua região?" : events.error.message}
          </EmptyState>
        )}
        <p>
          <Link href={moreHref} className="font-medium">
            Ver todos os mutirões →
          </Link>
        </p>
      </section>
    </div>
  );
}
