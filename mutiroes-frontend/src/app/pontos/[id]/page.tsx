import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LazyMap } from "@/components/map/lazy-map";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { confirmLitterReportAction, flagLitterReportAction, resurveyLitterReportAction } from "@/lib/actions/litter";
import { orThrow } from "@/lib/api/client";
import { listMaterials } from "@/lib/api/events";
import { getLitterReport } from "@/lib/api/litter";
import { getMe } from "@/lib/api/users";
import { formatDate, formatDateTime } from "@/lib/format";
import { SIZE_LABELS, STATUS_LABELS } from "@/lib/litter";
import { mapTileUrl } from "@/lib/map";
import { parseId } from "@/lib/route-params";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id ? `Ponto de lixo #${id}` : "Ponto de lixo" };
}

export default async function LitterReportPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  const [answer, me] = await Promise.all([getLitterReport(id), getMe()]);
  if (!answer.ok) {
    if (answer.status === 404) notFound();
    throw new Error(answer.error.message);
  }
  const report = answer.data;
  const labels = new Map(orThrow(await listMaterials()).map((m) => [m.key, m.label]));
  const place = report.address ? `${report.address}, ${report.city}/${report.state}` : `${report.city}/${report.state}`;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <nav aria-label="Trilha" className="text-sm">
          <Link href="/pontos">Pontos de lixo</Link> / Ponto #{report.id}
        </nav>
        <h1 className="text-2xl font-bold sm:text-3xl">
          Ponto de lixo #{report.id} · {place}
        </h1>
        <p className="flex flex-wrap gap-2 text-sm">
          <span className={`rounded-full px-3 py-1 font-semibold ${report.status === "cleaned" ? "bg-brand-100 text-brand-900" : "bg-amber-100 text-amber-900"}`} data-testid="litter-status">
            {STATUS_LABELS[report.status]}
          </span>
          <span className="rounded-full bg-stone-100 px-3 py-1 text-stone-800">{SIZE_LABELS[report.size]}</span>
          {report.materials.map((m) => (
            <span key={m} className="rounded-full bg-stone-100 px-3 py-1 text-stone-800">
              {labels.get(m) ?? m}
            </span>
          ))}
        </p>
        <p className="text-sm text-stone-700">
          Registrado em {formatDate(report.created_at)}
          {report.confirmations_count ? ` · ${report.confirmations_count} ${report.confirmations_count === 1 ? "pessoa também viu" : "pessoas também viram"}` : ""}
          {report.cleaned_at ? ` · limpo em ${formatDate(report.cleaned_at)}` : ""}
        </p>
      </header>

      {report.scheduled_event ? (
        <section className="card border-brand-300 p-5" data-testid="scheduled-event">
          <h2 className="text-lg font-semibold">Mutirão marcado</h2>
          <p className="mt-1">
            <Link href={`/eventos/${report.scheduled_event.id}`} className="font-medium">
              {report.scheduled_event.title}
            </Link>{" "}
            — {formatDateTime(report.scheduled_event.start)}
          </p>
        </section>
      ) : report.status === "open" && me ? (
        <p>
          <Link href={`/eventos/novo?pontos=${report.id}`} className="btn-primary">
            Organizar um mutirão para limpar este ponto
          </Link>
        </p>
      ) : null}

      {report.notes ? <p className="whitespace-pre-line text-stone-800">{report.notes}</p> : null}

      {report.photos.length ? (
        <section aria-labelledby="fotos-ponto">
          <h2 id="fotos-ponto" className="mb-2 text-xl font-semibold">
            Fotos do lugar
          </h2>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {report.photos.map((p) => (
              <li key={p.id}>
                {p.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- user photos, already shrunk by the API
                  <img src={p.image} alt={p.stage === "report" ? "Foto do registro" : p.stage === "confirm" ? "Foto de quem também viu" : "Foto da revistoria"} className="h-40 w-full rounded-lg object-cover" loading="lazy" />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {report.after_photos.length ? (
        <section aria-labelledby="depois-titulo" data-testid="after-photos">
          <h2 id="depois-titulo" className="mb-2 text-xl font-semibold">
            Depois da limpeza
          </h2>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {report.after_photos.map((p) => (
              <li key={p.id}>
                {p.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- user photos, already shrunk by the API
                  <img src={p.image} alt={p.caption || "Foto depois da limpeza"} className="h-40 w-full rounded-lg object-cover" loading="lazy" />
                ) : null}
                {p.caption ? <p className="mt-1 text-xs text-stone-700">{p.caption}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mapa-ponto">
        <h2 id="mapa-ponto" className="mb-2 text-xl font-semibold">
          Mapa
        </h2>
        <LazyMap label={`Mapa do ponto: ${place}`} tileUrl={mapTileUrl()} zoom={16} markers={[{ id: report.id, lat: report.latitude, lng: report.longitude, title: `Ponto #${report.id}` }]} />
      </section>

      {report.can_confirm ? (
        <section id="tambem-vi" aria-labelledby="tambem-vi-titulo" className="card space-y-3 p-5">
          <h2 id="tambem-vi-titulo" className="text-lg font-semibold">
            Também vi isto
          </h2>
          <p className="text-sm text-stone-700">Confirme que o lixo continua lá; uma foto recente ajuda quem vai organizar a limpeza.</p>
          <ActionForm action={confirmLitterReportAction.bind(null, report.id)} label="Confirmar o ponto" className="space-y-3">
            <label htmlFor="confirm-images" className="label">
              Foto (opcional)
            </label>
            <input id="confirm-images" name="images" type="file" accept="image/jpeg,image/png,image/webp" className="input" />
            <SubmitButton className="btn-primary">Também vi isto</SubmitButton>
          </ActionForm>
        </section>
      ) : null}

      {report.can_resurvey ? (
        <section aria-labelledby="revistoria-titulo" className="card space-y-3 p-5" data-testid="resurvey">
          <h2 id="revistoria-titulo" className="text-lg font-semibold">
            O lugar continua limpo?
          </h2>
          <ActionForm action={resurveyLitterReportAction.bind(null, report.id)} label="Revistoria" className="space-y-3">
            <fieldset className="flex flex-wrap gap-4">
              <legend className="label">Como está agora</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="still_clean" value="true" required className="h-5 w-5" /> Continua limpo
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="still_clean" value="false" className="h-5 w-5" /> Está sujo de novo
              </label>
            </fieldset>
            <label htmlFor="resurvey-images" className="label">
              Foto (opcional)
            </label>
            <input id="resurvey-images" name="images" type="file" accept="image/jpeg,image/png,image/webp" className="input" />
            <SubmitButton className="btn-primary">Enviar revistoria</SubmitButton>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="historico-titulo">
        <h2 id="historico-titulo" className="mb-2 text-xl font-semibold">
          Histórico do lugar
        </h2>
        <ol className="space-y-1 text-sm" data-testid="litter-history">
          {report.history.map((h, index) => (
            <li key={`${h.kind}-${index}`}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> — {h.label}
              {h.event ? (
                <>
                  {" "}
                  (<Link href={`/eventos/${h.event.id}`}>{h.event.title}</Link>)
                </>
              ) : null}
            </li>
          ))}
        </ol>
        {report.place_history.length ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">Outros registros deste lugar</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {report.place_history.map((p) => (
                <li key={p.id}>
                  <Link href={`/pontos/${p.id}`}>Ponto #{p.id}</Link> — {STATUS_LABELS[p.status]}, registrado em {formatDate(p.created_at)}
                  {p.cleaned_at ? `, limpo em ${formatDate(p.cleaned_at)}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {me && !report.is_mine ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-stone-700">Denunciar este registro</summary>
          <ActionForm action={flagLitterReportAction.bind(null, report.id)} label="Denunciar" className="mt-2 space-y-2">
            <label htmlFor="reason" className="label">
              Motivo
            </label>
            <input id="reason" name="reason" maxLength={500} required className="input" />
            <SubmitButton className="btn-secondary">Enviar denúncia</SubmitButton>
          </ActionForm>
        </details>
      ) : null}
    </article>
  );
}
