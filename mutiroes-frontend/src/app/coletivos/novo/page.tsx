import type { Metadata } from "next";
import { CollectiveForm } from "@/components/collectives/collective-form";
import { PageHeader } from "@/components/ui/page-header";
import { createCollectiveAction } from "@/lib/actions/collectives";
import { requireUser } from "@/lib/auth-guard";

export const metadata: Metadata = { title: "Criar coletivo", robots: { index: false } };

export default async function NewCollectivePage() {
  const me = await requireUser("/coletivos/novo");
  return (
    <>
      <PageHeader title="Criar coletivo" description="Você será dono(a) do coletivo e poderá convidar quem organiza com você." />
      <CollectiveForm action={createCollectiveAction} initial={{ city: me.city ?? "", state: me.state ?? "" }} />
    </>
  );
}
