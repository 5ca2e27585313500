/** The reports list's filters, read from and written to the URL. Pure (litter-filters.test.ts). */
import type { LitterSize, LitterStatus } from "@/lib/api/types";

export type LitterListFilters = { city: string; size: LitterSize | ""; age: number | null; status: LitterStatus; area: string; page: number };

/** "south,west,north,east" with up to 4 decimals each (the map's visible area), or "". */
const AREA = /^-?\d{1,3}(\.\d{1,6})?(,-?\d{1,3}(\.\d{1,6})?){3}$/;

type Params = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();

export function parseLitterFilters(params: Params): LitterListFilters {
  const size = one(params.tamanho);
  const age = Number(one(params.dias));
  const page = Number(one(params.pagina));
  return {
    city: one(params.cidade).slice(0, 100),
    size: size === "bag" || size === "car" || size === "truck" ? size : "",
    age: Number.isInteger(age) && age >= 1 && age <= 3650 ? age : null,
    status: one(params.situacao) === "limpos" ? "cleaned" : "open",
    area: AREA.test(one(params.area)) ? one(params.area) : "",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function litterHref(filters: LitterListFilters, change: Partial<LitterListFilters> = {}): string {
  const f = { ...filters, page: 1, ...change };
  const query = new URLSearchParams();
  if (f.city) query.set("cidade", f.city);
  if (f.size) query.set("tamanho", f.size);
  if (f.age) query.set("dias", String(f.age));
  if (f.status === "cleaned") query.set("situacao", "limpos");
  if (f.area) query.set("area", f.area);
  if (f.page > 1) query.set("pagina", String(f.page));
  const text = query.toString();
  return `/pontos${text ? `?${text}` : ""}`;
}
