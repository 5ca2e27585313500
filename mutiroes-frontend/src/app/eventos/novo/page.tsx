import type { Metadata } from "next";
import { EventForm } from "@/components/event-form/event-form";
import { PageHeader } from "@/components/ui/page-header";
import { saveEventAction } from "@/lib/actions/event-form";
import { listCollectives } from "@/lib/api/collectives";
import { listCategories } from "@/lib/api/events";
import { requireUser } from "@/lib/auth-guard";
import { mapTileUrl } from "@/lib/map";

export const metadata: Metadata = { title: "Organizar um mutirão" };

export default async function NewEventPage() {
  const me = await requireUser("/eventos/novo");
  const [categories, managed] = await Promise.all([listCategories(), listCollectives(1, true)]);
  return (
    <>
      <PageHeader title="Organizar um mutirão" description="Preencha os dados. Você pode salvar como rascunho e publicar depois." />
      <EventForm
        action={saveEventAction.bind(null, null)}
        categories={categories}
        tileUrl={mapTileUrl()}
        mode="create"
        collectives={managed.ok ? managed.data.results : []}
        initial={{ city: me.city ?? "", state: me.state ?? "", capacity: "30", min_age: "0", visibility: "public" }}
      />
    </>
  );
}
