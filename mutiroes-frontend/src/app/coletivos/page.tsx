import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { orThrow } from "@/lib/api/client";
import { listCollectives } from "@/lib/api/collectives";

export const metadata: Metadata = {
  title: "Coletivos",
  description: "ONGs, associações de bairro, escolas e coletivos que organizam mutirões.",
};

export default async function CollectivesPage() {
  const page = orThrow(await listCollectives());
  return (
    <>
      <PageHeader
        title="Coletivos"
        description="ONGs, associações de bairro, escolas e coletivos que cuidam do lugar onde vivem. Siga um coletivo para saber dos próximos mutirões."
        actions={
          <Link href="/coletivos/novo" className="btn-primary">
            Criar coletivo
          </Link>
        }
      />
      {page.results.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {page.results.map((c) => (
            <li key={c.id} className="card flex gap-3 p-4">
              {c.logo ? (
                // eslint-disable-next-line @next/next/no-img-element -- a media file served by nginx, already re-encoded by the API
                <img src={c.logo} alt="" className="h-14 w-14 shrink-0 rounded-lg object-cover" />
              ) : null}
              <div className="min-w-0">
                <h2 className="font-semibold">
                  <Link href={`/coletivos/${c.slug}`}>{c.name}</Link>
                </h2>
                <p className="text-sm text-stone-700">
                  {c.city}/{c.state} · {c.followers_count} {c.followers_count === 1 ? "seguidor" : "seguidores"}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="Nenhum coletivo ainda">Crie o primeiro e convide quem organiza com você.</EmptyState>
      )}
    </>
  );
}
