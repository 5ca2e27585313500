import type { Metadata } from "next";
import { EventForm } from "@/components/event-form/event-form";
import { PageHeader } from "@/components/ui/page-header";
import { saveEventAction } from "@/lib/actions/event-form";
import { listCollectives } from "@/lib/api/collectives";
import { listCategories } from "@/lib/api/events";
import { getLitterReport } from "@/lib/api/litter";
import type { LitterReportDetail } from "@/lib/api/types";
import { requireUser } from "@/lib/auth-guard";
import { mapTileUrl } from "@/lib/map";

export const metadata: Metadata = { title: "Organizar um mutirão" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?pontos=3,8`: organized from litter reports; the first one's place fills the form. */
async function fromReports(raw: string | string[] | undefined): Promise<LitterReportDetail[]> {
  const ids = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 20);
  const answers = await Promise.all(ids.map((id) => getLitterReport(id)));
  return answers.flatMap((a) => (a.ok && a.data.status === "open" ? [a.data] : []));
}

export default async function NewEventPage({ searchParams }: Props) {
  const pontos = (await searchParams).pontos;
  const me = await requireUser(pontos ? `/eventos/novo?pontos=${encodeURIComponent(String(pontos))}` : "/eventos/novo");
  const [categories, managed, reports] = await Promise.all([listCategories(), listCollectives(1, true), fromReports(pontos)]);
  const first = reports[0];
  const place: Record<string, string> = first
    ? {
        city: first.city,
        state: first.state,
        latitude: first.latitude.toFixed(6),
        longitude: first.longitude.toFixed(6),
        address: first.address || `Ponto de lixo #${first.id}`,
        title: `Limpeza do ponto de lixo #${first.id}`,
      }
    : { city: me.city ?? "", state: me.state ?? "" };
  return (
    <>
      <PageHeader
        title="Organizar um mutirão"
        description={
          reports.length
            ? `A partir de ${reports.length === 1 ? "1 ponto de lixo" : `${reports.length} pontos de lixo`} (${reports.map((r) => `#${r.id}`).join(", ")}): o local já vem preenchido.`
            : "Preencha os dados. Você pode salvar como rascunho e publicar depois."
        }
      />
      <EventForm
        action={saveEventAction.bind(null, null)}
        categories={categories}
        tileUrl={mapTileUrl()}
        mode="create"
        collectives={managed.ok ? managed.data.results : []}
        initial={{ ...place, capacity: "30", min_age: "0", visibility: "public" }}
        hidden={reports.length ? { litter_reports: reports.map((r) => r.id).join(",") } : {}}
      />
    </>
  );
}
