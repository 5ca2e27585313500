import Link from "next/link";
import type { Category } from "@/lib/api/types";
import { NearPlaceField } from "@/components/places/near-place-field";
import { UfOptions } from "@/components/ui/uf-options";
import { nearLabel } from "@/lib/places/places";
import { DEFAULT_RADIUS_KM, RADIUS_CHOICES, eventsHref, formatNear, hasActiveFilters, type EventFilters } from "@/lib/events/filters";
import { NearMeButton } from "./near-me-button";

/** A plain GET form: works without JavaScript, and every filter ends up in the URL. */
export function EventFiltersForm({ filters, categories }: { filters: EventFilters; categories: Category[] }) {
  const nearValue = filters.near ? formatNear(filters.near) : "";
  return (
    <section aria-labelledby="filtros-titulo" className="card p-4">
      <h2 id="filtros-titulo" className="sr-only">
        Filtros
      </h2>
      <nav aria-label="Categorias" className="-mx-1 mb-4 flex gap-2 overflow-x-auto px-1 pb-1">
        <Link
          href={eventsHref(filters, { category: undefined })}
          className={`chip shrink-0 ${!filters.category ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800"}`}
          aria-current={!filters.category ? "true" : undefined}
        >
          Todas
        </Link>
        {categories.map((c) => {
          const active = filters.category === c.slug;
          return (
            <Link
              key={c.slug}
              href={eventsHref(filters, { category: active ? undefined : c.slug })}
              className={`chip shrink-0 ${active ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800"}`}
              aria-current={active ? "true" : undefined}
            >
              <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: c.color }} />
              {c.name}
            </Link>
          );
        })}
      </nav>
      {/* On a phone the filters fold behind one button (a checkbox: works without JavaScript); open when some are in use. */}
      <input id="filtros-abrir" type="checkbox" className="peer sr-only md:hidden" defaultChecked={hasActiveFilters(filters)} />
      <div className="mb-3 flex flex-wrap gap-2 md:hidden">
        <label htmlFor="filtros-abrir" className="btn-secondary cursor-pointer">
          Filtros e busca
        </label>
        <NearMeButton />
      </div>
      <form method="get" action="/eventos" className="hidden gap-3 peer-checked:grid sm:grid-cols-2 md:grid lg:grid-cols-6" role="search" aria-label="Buscar mutirões">
        {filters.category ? <input type="hidden" name="categoria" value={filters.category} /> : null}
        {filters.view === "mapa" ? <input type="hidden" name="visao" value="mapa" /> : null}
        <div className="sm:col-span-2">
          <label htmlFor="f-q" className="label">
            Buscar
          </label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="praia, plantio, bairro…" className="input" />
        </div>
        <div>
          <label htmlFor="f-cidade" className="label">
            Cidade
          </label>
          <input id="f-cidade" name="cidade" defaultValue={filters.city ?? ""} className="input" autoComplete="address-level2" />
        </div>
        <div>
          <label htmlFor="f-uf" className="label">
            Estado
          </label>
          <select id="f-uf" name="uf" defaultValue={filters.state ?? ""} className="input">
            <UfOptions empty="Todos" />
          </select>
        </div>
        <div>
          <label htmlFor="f-de" className="label">
            De
          </label>
          <input id="f-de" name="de" type="date" defaultValue={filters.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="f-ate" className="label">
            Até
          </label>
          <input id="f-ate" name="ate" type="date" defaultValue={filters.to ?? ""} className="input" />
        </div>
        <div className="sm:col-span-2">
          <NearPlaceField id="f-perto" near={nearValue} nearLabel={nearLabel(filters.near)} />
        </div>
        <div>
          <label htmlFor="f-raio" className="label">
            Raio
          </label>
          <select id="f-raio" name="raio" defaultValue={String(filters.radiusKm ?? DEFAULT_RADIUS_KM)} className="input">
            {RADIUS_CHOICES.map((r) => (
              <option key={r} value={r}>
                {r} km
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-start gap-2 sm:col-span-2 lg:col-span-3 lg:pt-6">
          <button type="submit" className="btn-primary">
            Filtrar
          </button>
          <NearMeButton />
          {hasActiveFilters(filters) ? (
            <Link href={filters.view === "mapa" ? "/eventos?visao=mapa" : "/eventos"} className="btn-ghost">
              Limpar filtros
            </Link>
          ) : null}
        </div>
      </form>
    </section>
  );
}
