/** Query-string building shared by the data layer and the URL-driven pages. */

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;
export type QueryInit = Record<string, QueryValue>;

/** `?a=1&b=x` with empty values dropped and keys in insertion order; "" when nothing is left. */
export function buildQuery(params: QueryInit | undefined): string {
  if (!params) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== "") search.append(key, String(item));
      continue;
    }
    search.append(key, value === true ? "true" : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function withQuery(path: string, params: QueryInit | undefined): string {
  const query = buildQuery(params);
  if (!query) return path;
  return path.includes("?") ? `${path}&${query.slice(1)}` : `${path}${query}`;
}
