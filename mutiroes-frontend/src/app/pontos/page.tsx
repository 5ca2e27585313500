import type { Metadata } from "next";
import Link from "next/link";
import { LitterMap } from "@/components/litter/litter-map";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listLitterReports } from "@/lib/api/litter";
import { formatDate } from "@/lib/format";
import { AGE_OPTIONS, SIZE_LABELS, STATUS_LABELS } from "@/lib/litter";
import { litterHref, parseLitterFilters } from "@/lib/litter-filters";
import { mapTileUrl } from "@/lib/map";

export const metadata: Metadata = {
  title: "Pontos de lixo",
  description: "Lugares com lixo registrados por quem passou por lá, para organizar mutirões de limpeza.",
};

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LitterReportsPage({ searchParams }: Props) {
  const filters = parseLitterFilters(await searchParams);
  const answer = await listLitterReports({
    ...(filters.city ? { city: filters.city } : {}),
    ...(filters.size ? { size: filters.size } : {}),
    ...(filters.age ? { max_age_days: filters.age } : {}),
    status: filters.status,
    ...(filters.area ? { bbox: filters.area } : {}),
    page: filters.page,
  });
  const page = answer.ok ? answer.data : null;
  const reports = page?.results ?? [];
  return (
    <>
      <PageHeader
        title="Pontos de lixo"
        description="Lugares com lixo que alguém registrou. Organize um mutirão a partir deles ou confirme que também viu."
        actions={
          <Link href="/pontos/novo" className="btn-primary">
            Registrar um ponto
          </Link>
        }
      />
      <form method="get" action="/pontos" className="card grid gap-3 p-4 sm:grid-cols-5" aria-label="Filtrar pontos">
        <div className="sm:col-span-2">
          <label htmlFor="cidade" className="label">
            Cidade
          </label>
          <input id="cidade" name="cidade" defaultValue={filters.city} className="input" autoComplete="address-level2" />
        </div>
        <div>
          <label htmlFor="tamanho" className="label">
            Tamanho
          </label>
          <select id="tamanho" name="tamanho" defaultValue={filters.size} className="input">
            <option value="">Todos</option>
            {Object.entries(SIZE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dias" className="label">
            Registrados
          </label>
          <select id="dias" name="dias" defaultValue={filters.age ? String(filters.age) : ""} className="input">
            <option value="">Em qualquer data</option>
            {AGE_OPTIONS.map((o) => (
              <option key={o.days} value={o.days}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="situacao" className="label">
            Situação
          </label>
          <select id="situacao" name="situacao" defaultValue={filters.status === "cleaned" ? "limpos" : ""} className="input">
            <option value="">Abertos</option>
            <option value="limpos">Já limpos</option>
          </select>
        </div>
        {filters.area ? <input type="hidden" name="area" value={filters.area} /> : null}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-5">
          <button type="submit" className="btn-secondary">
            Filtrar
          </button>
          {filters.area ? (
            <Link href={litterHref(filters, { area: "" })} className="text-sm">
              Tirar o filtro da área do mapa
            </Link>
          ) : null}
        </div>
      </form>

      <p className="mt-4 text-sm text-stone-700" role="status">
        {page
          ? `${page.count === 1 ? "1 ponto encontrado" : `${page.count} pontos encontrados`}${filters.area ? " nesta área do mapa" : ""}`
          : answer.ok
            ? null
            : [answer.error.message, ...Object.values(answer.error.fields).flat()].join(" ")}
      </p>

      {reports.length ? (
        <div className="mt-4 space-y-6">
          <LitterMap
            tileUrl={mapTileUrl()}
            zoom={14}
            center={reports.length === 1 ? { lat: reports[0]!.latitude, lng: reports[0]!.longitude } : undefined}
            markers={reports.map((r) => ({ id: r.id, lat: r.latitude, lng: r.longitude, title: `Ponto #${r.id}`, subtitle: `${r.city}/${r.state}`, href: `/pontos/${r.id}` }))}
            listHref={litterHref(filters, { area: "" })}
          />
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="litter-list">
            {reports.map((r) => (
              <li key={r.id} className="card overflow-hidden">
                {r.photos[0]?.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- user photos, already shrunk by the API
                  <img src={r.photos[0].image} alt={`Foto do ponto #${r.id}`} className="h-40 w-full object-cover" loading="lazy" />
                ) : null}
                <div className="space-y-1 p-4">
                  <Link href={`/pontos/${r.id}`} className="font-semibold">
                    Ponto #{r.id} · {r.address || r.city}
                  </Link>
                  <p className="text-sm text-stone-700">
                    {r.city}/{r.state} · {SIZE_LABELS[r.size]} · {STATUS_LABELS[r.status]}
                  </p>
                  <p className="text-xs text-stone-600">
                    Registrado em {formatDate(r.created_at)}
                    {r.confirmations_count ? ` · ${r.confirmations_count} ${r.confirmations_count === 1 ? "pessoa também viu" : "pessoas também viram"}` : ""}
                  </p>
                  {r.scheduled_event ? (
                    <p className="text-sm font-medium text-brand-800">
                      Mutirão marcado: <Link href={`/eventos/${r.scheduled_event.id}`}>{r.scheduled_event.title}</Link>
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          <Pagination page={filters.page} pages={Math.max(1, Math.ceil((page?.count ?? 0) / PAGE_SIZE))} href={(p) => litterHref(filters, { page: p })} />
        </div>
      ) : page ? (
        <div className="mt-4">
          <EmptyState title="Nenhum ponto encontrado" action={<Link href="/pontos/novo" className="btn-primary">Registrar um ponto</Link>}>
            Viu lixo acumulado em algum lugar? Registre com uma foto para que um mutirão possa limpá-lo.
          </EmptyState>
        </div>
      ) : null}
    </>
  );
}
