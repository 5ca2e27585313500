import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventForm } from "@/components/event-form/event-form";
import { listCollectives } from "@/lib/api/collectives";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { saveEventAction } from "@/lib/actions/event-form";
import { getEvent, listCategories } from "@/lib/api/events";
import { requireUser } from "@/lib/auth-guard";
import { isoToSaoPauloLocal } from "@/lib/format";
import { mapTileUrl } from "@/lib/map";
import { numberInputValue } from "@/lib/numbers";
import { parseId } from "@/lib/route-params";

/** The collectives the editor organizes, and the mutirão's own (so saving never takes it out by accident). */
function collectiveChoices(managed: { id: number; name: string }[], current: { id: number; name: string } | null) {
  return current && !managed.some((c) => c.id === current.id) ? [...managed, current] : managed;
}

export const metadata: Metadata = { title: "Editar mutirão" };

type Props = { params: Promise<{ id: string }> };

export default async function EditEventPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  await requireUser(`/eventos/${id}/editar`);
  const [result, categories, managed] = await Promise.all([getEvent(id), listCategories(), listCollectives(1, true)]);
  if (!result.ok) notFound();
  const e = result.data;
  if (!e.can_manage) {
    return (
      <Alert tone="danger" title="Acesso restrito">
        Só a organização deste mutirão pode editá-lo. <Link href={`/eventos/${id}`}>Voltar ao mutirão</Link>
      </Alert>
    );
  }
  if (!e.can_edit) {
    return (
      <Alert tone="warning" title="Não é possível editar">
        Este mutirão está {e.status === "cancelled" ? "cancelado" : "concluído"}. <Link href={`/eventos/${id}`}>Voltar ao mutirão</Link>
      </Alert>
    );
  }
  return (
    <>
      <PageHeader title="Editar mutirão" description={<Link href={`/eventos/${id}`}>← {e.title}</Link>} />
      <EventForm
        action={saveEventAction.bind(null, id)}
        categories={categories}
        tileUrl={mapTileUrl()}
        mode={e.status === "draft" ? "edit-draft" : "edit-published"}
        collectives={collectiveChoices(managed.ok ? managed.data.results : [], e.collective)}
        inSeries={e.series !== null}
        initial={{
          title: e.title,
          description: e.description,
          category: String(e.category.id),
          address: e.address,
          city: e.city,
          state: e.state,
          latitude: String(e.latitude),
          longitude: String(e.longitude),
          start: isoToSaoPauloLocal(e.start),
          end: isoToSaoPauloLocal(e.end),
          registration_deadline: isoToSaoPauloLocal(e.registration_deadline),
          capacity: numberInputValue(e.capacity, 0),
          min_age: String(e.min_age ?? 0),
          visibility: e.visibility ?? "public",
          requires_approval: e.requires_approval ? "on" : "",
          requires_waiver: e.requires_waiver ? "on" : "",
          asks_image_consent: e.asks_image_consent ? "on" : "",
          what_to_bring: e.what_to_bring ?? "",
          tools_provided: e.tools_provided ?? "",
          cover_image: e.cover_image ?? "",
          collective: e.collective ? String(e.collective.id) : "",
        }}
      />
    </>
  );
}
