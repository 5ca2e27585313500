import type { Category } from "@/lib/api/types";

/** Category name with its colour as a dot (text stays dark for contrast). */
export function CategoryLabel({ category }: { category: Pick<Category, "name" | "color"> }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-stone-700">
      <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: category.color || "#17703d" }} />
      {category.name}
    </span>
  );
}
