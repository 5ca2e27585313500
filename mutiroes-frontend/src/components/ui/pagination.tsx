import Link from "next/link";
import { pageWindow } from "@/lib/events/filters";
import { LinkPending } from "./link-pending";

export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Paginação" className="mt-6 flex flex-wrap items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={href(page - 1)} className="btn-secondary btn-sm" rel="prev">
          ← Anterior
          <LinkPending />
        </Link>
      ) : null}
      {pageWindow(page, pages).map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} className="px-2 text-stone-500" aria-hidden="true">
            …
          </span>
        ) : (
          <Link
            key={p}
            href={href(p)}
            aria-current={p === page ? "page" : undefined}
            aria-label={`Página ${p}`}
            className={`btn-sm btn ${p === page ? "bg-brand-700 text-white" : "border border-stone-300 bg-white text-stone-800 hover:bg-stone-100"}`}
          >
            {p}
          </Link>
        ),
      )}
      {page < pages ? (
        <Link href={href(page + 1)} className="btn-secondary btn-sm" rel="next">
          Próxima →
          <LinkPending />
        </Link>
      ) : null}
    </nav>
  );
}
