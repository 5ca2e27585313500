import type { Metadata } from "next";
import { LitterReportForm } from "@/components/litter/litter-report-form";
import { PageHeader } from "@/components/ui/page-header";
import { createLitterReportAction } from "@/lib/actions/litter";
import { orThrow } from "@/lib/api/client";
import { listMaterials } from "@/lib/api/events";
import { requireUser } from "@/lib/auth-guard";
import { mapTileUrl } from "@/lib/map";

export const metadata: Metadata = { title: "Registrar um ponto de lixo" };

export default async function NewLitterReportPage() {
  const me = await requireUser("/pontos/novo");
  const materials = orThrow(await listMaterials());
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Registrar um ponto de lixo"
        description="Marque o lugar, diga quanto lixo tem e mande uma foto. Se alguém já registrou o mesmo lugar, você poderá confirmar o registro."
      />
      <LitterReportForm action={createLitterReportAction} materials={materials} tileUrl={mapTileUrl()} initial={{ city: me.city ?? "", state: me.state ?? "" }} />
    </div>
  );
}
