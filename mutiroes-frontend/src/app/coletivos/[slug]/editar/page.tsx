import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CollectiveForm } from "@/components/collectives/collective-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateCollectiveAction } from "@/lib/actions/collectives";
import { getCollective } from "@/lib/api/collectives";
import { requireUser } from "@/lib/auth-guard";
import { collectiveFormValues } from "@/lib/collectives";

export const metadata: Metadata = { title: "Editar coletivo", robots: { index: false } };

type Props = { params: Promise<{ slug: string }> };

export default async function EditCollectivePage({ params }: Props) {
  const slug = (await params).slug;
  await requireUser(`/coletivos/${slug}/editar`);
  const answer = await getCollective(slug);
  if (!answer.ok) {
    if (answer.status === 404) notFound();
    throw new Error(answer.error.message);
  }
  const c = answer.data;
  // Only those who manage it edit it (the API refuses anyone else too).
  if (!c.can_edit) notFound();
  return (
    <>
      <nav aria-label="Trilha" className="mb-4 text-sm">
        <Link href={`/coletivos/${slug}`}>← {c.name}</Link>
      </nav>
      <PageHeader title="Editar coletivo" description="O endereço da página do coletivo não muda." />
      <CollectiveForm action={updateCollectiveAction.bind(null, slug)} initial={collectiveFormValues(c)} editing />
    </>
  );
}
