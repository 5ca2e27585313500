import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PhaseBadge } from "@/components/events/phase-badge";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { joinAllAction, leaveAllAction } from "@/lib/actions/collectives";
import { getSeries } from "@/lib/api/collectives";
import type { Series } from "@/lib/api/types";
import { getMe } from "@/lib/api/users";
import { formatDate, formatRange } from "@/lib/format";
import { parseId } from "@/lib/route-params";

type Props = { params: Promise<{ id: string }> };

const STATUS_LABEL: Record<Series["occurrences"][number]["status"], string> = {
  draft: "Rascunho",
  published: "Inscrições",
  completed: "Realizado",
  cancelled: "Cancelado",
};

function title(series: Series): string {
  return series.occurrences[0]?.title ?? "Mutirão recorrente";
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const answer = id ? await getSeries(id) : null;
  if (!answer?.ok) return { title: "Série não encontrada" };
  return { title: `${title(answer.data)} (recorrente)`, description: answer.data.description };
}

export default async function SeriesPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  const [answer, me] = await Promise.all([getSeries(id), getMe()]);
  if (!answer.ok) {
    if (answer.status === 404) notFound();
    throw new Error(answer.error.message);
  }
  const series = answer.data;
  const upcoming = series.occurrences.filter((o) => o.status === "published");
  return (
    <div className="space-y-6">
      <PageHeader title={title(series)} description={series.description} />
      <div className="flex flex-wrap items-center gap-3">
        {series.can_join_all ? (
          <ActionForm action={joinAllAction.bind(null, id)} label="Participar de todos">
            <SubmitButton pendingText="Inscrevendo…">Participar de todos</SubmitButton>
          </ActionForm>
        ) : null}
        {!me && series.is_active ? (
          <Link href={`/entrar?next=${encodeURIComponent(`/series/${id}`)}`} className="btn-primary">
            Entre para participar de todos
          </Link>
        ) : null}
        {series.is_subscribed ? (
          <>
            <p className="text-sm font-medium text-brand-800">Você participa de todos os mutirões desta série.</p>
            <ActionForm action={leaveAllAction.bind(null, id)} confirm="Parar de ser inscrito(a) nos próximos mutirões da série?">
              <SubmitButton className="btn-ghost btn-sm">Não participar dos próximos</SubmitButton>
            </ActionForm>
          </>
        ) : null}
        <a href={`/series/${id}/calendario.ics`} download className="text-sm font-medium">
          Adicionar a série à agenda (.ics)
        </a>
      </div>
      {series.is_active ? null : <Alert tone="warning">Esta série terminou: não haverá novos mutirões.</Alert>}
      <p className="text-sm text-stone-700">
        {series.count ? `${series.count} mutirões ao todo` : series.until ? `Até ${formatDate(`${series.until}T12:00:00-03:00`)}` : ""}. Os próximos são criados com antecedência, cada um com suas vagas e lista de espera.
      </p>
      <section aria-labelledby="ocorrencias-titulo" className="space-y-3">
        <h2 id="ocorrencias-titulo" className="text-xl font-semibold">
          Mutirões da série {upcoming.length ? `(${upcoming.length} com inscrições abertas)` : ""}
        </h2>
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {series.occurrences.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <span>
                <Link href={`/eventos/${o.id}`}>{formatRange(o.start, o.end)}</Link>
                <span className="ml-2 text-sm text-stone-600">
                  {o.confirmed_count}/{o.capacity} confirmados
                </span>
              </span>
              {o.status === "cancelled" ? <PhaseBadge phase="cancelled" quiet /> : <span className="text-sm text-stone-700">{STATUS_LABEL[o.status]}</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
