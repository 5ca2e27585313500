import type { Metadata } from "next";
import Link from "next/link";
import { LoadFailed } from "@/components/ui/retry-button";
import { EventGrid } from "@/components/events/event-card";
import { EventFiltersForm } from "@/components/events/event-filters";
import { LazyMap } from "@/components/map/lazy-map";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listCategories, listEvents } from "@/lib/api/events";
import { placeAt, withTypedPlace } from "@/lib/places/places";
import { eventsHref, hasActiveFilters, parseEventFilters, totalPages, type SearchParamsInit } from "@/lib/events/filters";
import { formatDateTime } from "@/lib/format";
import { mapTileUrl } from "@/lib/map";

export const metadata: Metadata = {
  title: "Encontrar mutirões",
  description: "Mutirões de limpeza, plantio e cuidado ambiental abertos para voluntários em todo o Brasil.",
};

type Props = { searchParams: Promise<SearchParamsInit> };

export default async function EventsPage({ searchParams }: Props) {
  const filters = parseEventFilters(withTypedPlace(await searchParams));
  const [categories, result] = await Promise.all([listCategories(), listEvents(filters)]);
  const near = placeAt(filters.near);

  return (
    <>
      <PageHeader
        title="Mutirões"
        description="Encontre uma ação ambiental perto de você e participe."
        actions={
          <Link href="/eventos/novo" className="btn-primary">
            Organizar um mutirão
          </Link>
        }
      />
      <EventFiltersForm filters={filters} categories={categories} />

      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-700" role="status">
          {result.ok
            ? `${result.data.count === 1 ? "1 mutirão encontrado" : `${result.data.count} mutirões encontrados`}${filters.near ? ` num raio de ${filters.radiusKm} km${near ? ` de ${near.name}` : " de você"}, do mais perto ao mais longe` : ""}`
            : null}
        </p>
        <div className="inline-flex rounded-lg border border-stone-300 bg-white p-1" role="group" aria-label="Modo de exibição">
          <Link
            href={eventsHref(filters, { view: "lista" })}
            aria-current={filters.view === "lista" ? "true" : undefined}
            className={`btn-sm btn ${filters.view === "lista" ? "bg-brand-700 text-white" : "text-stone-800"}`}
          >
            Lista
          </Link>
          <Link
            href={eventsHref(filters, { view: "mapa" })}
            aria-current={filters.view === "mapa" ? "true" : undefined}
            className={`btn-sm btn ${filters.view === "mapa" ? "bg-brand-700 text-white" : "text-stone-800"}`}
          >
            Mapa
          </Link>
        </div>
      </div>

      <div className="mt-4">
        {!result.ok && result.error.fields?.starts_before ? (
          <EmptyState
            title="O período está ao contrário"
            action={
              <Link href={eventsHref(filters, { from: undefined, to: undefined })} className="btn-secondary">
                Tirar as datas
              </Link>
            }
          >
            A data em “Até” vem antes da data em “De”. Troque as datas ou busque sem elas.
          </EmptyState>
        ) : !result.ok && filters.page > 1 && (result.status === 404 || result.error.fields?.page) ? (
          <EmptyState
            title="Esta página não existe mais"
            action={
              <Link href={eventsHref(filters, { page: 1 })} className="btn-secondary">
                Voltar à primeira página
              </Link>
            }
          >
            {result.status === 404
              ? "A lista mudou desde que o link foi feito e tem menos páginas agora."
              : result.error.fields?.page?.[0]}
          </EmptyState>
        ) : !result.ok ? (
          <LoadFailed title="Não foi possível carregar os mutirões" message={result.error.message} />
        ) : result.data.results.length === 0 ? (
          <EmptyState
            title="Nenhum mutirão encontrado"
            action={
              hasActiveFilters(filters) ? (
                <Link href="/eventos" className="btn-secondary">
                  Ver todos os mutirões
                </Link>
              ) : (
                <Link href="/eventos/novo" className="btn-primary">
                  Organizar o primeiro
                </Link>
              )
            }
          >
            {hasActiveFilters(filters) ? "Tente ampliar o raio, mudar as datas ou tirar algum filtro." : "Ainda não há mutirões publicados."}
          </EmptyState>
        ) : (
          <>
            {filters.view === "mapa" ? (
              <div className="mb-6">
                <LazyMap
                  label="Mapa dos mutirões encontrados"
                  tileUrl={mapTileUrl()}
                  className="h-[26rem]"
                  center={filters.near}
                  zoom={filters.near ? 11 : 12}
                  radiusKm={filters.near ? filters.radiusKm : undefined}
                  markers={result.data.results.map((e) => ({
                    id: e.id,
                    lat: e.latitude,
                    lng: e.longitude,
                    title: e.title,
                    href: `/eventos/${e.id}`,
                    subtitle: `${formatDateTime(e.start)} · ${e.city}/${e.state}`,
                  }))}
                />
              </div>
            ) : null}
            <EventGrid events={result.data.results} />
            <Pagination page={filters.page} pages={totalPages(result.data.count)} href={(page) => eventsHref(filters, { page })} />
          </>
        )}
      </div>
    </>
  );
}
