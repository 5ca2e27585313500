import Link from "next/link";
import type { LitterReport } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { SIZE_LABELS, STATUS_LABELS } from "@/lib/litter";

/** The littered places this mutirão was organized to clean. */
export function EventLitterReports({ reports }: { reports: LitterReport[] }) {
  if (!reports.length) return null;
  return (
    <section aria-labelledby="pontos-titulo" className="card space-y-3 p-5" data-testid="event-litter-reports">
      <h2 id="pontos-titulo" className="text-xl font-semibold">
        Pontos de lixo que este mutirão vai limpar
      </h2>
      <ul className="space-y-2">
        {reports.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Link href={`/pontos/${r.id}`} className="font-medium">
              Ponto #{r.id} · {r.address || r.city}
            </Link>
            <span className="text-stone-700">
              {STATUS_LABELS[r.status]} · {SIZE_LABELS[r.size]} · registrado em {formatDate(r.created_at)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
