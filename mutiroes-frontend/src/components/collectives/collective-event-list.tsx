import Link from "next/link";
import { CategoryLabel } from "@/components/events/category-chip";
import type { CollectiveEventPage } from "@/lib/api/types";
import { formatRange } from "@/lib/format";

/** A collective's mutirões (the first page: upcoming soonest first, past latest first). */
export function CollectiveEventList({ page, empty }: { page: CollectiveEventPage; empty: string }) {
  if (!page.results.length) return <p className="text-sm text-stone-600">{empty}</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {page.results.map((e) => (
        <li key={e.id} className="card space-y-1 p-4">
          <CategoryLabel category={e.category} />
          <h3 className="font-semibold">
            <Link href={`/eventos/${e.id}`}>{e.title}</Link>
          </h3>
          <p className="text-sm text-stone-700">
            <time dateTime={e.start}>{formatRange(e.start, e.end)}</time> · {e.city}/{e.state}
          </p>
          {e.status === "published" ? (
            <p className="text-sm text-stone-600">{e.spots_left > 0 ? `${e.spots_left} vagas` : "Vagas esgotadas (lista de espera)"}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
