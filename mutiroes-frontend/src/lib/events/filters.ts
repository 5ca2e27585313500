/**
 * The /eventos filters live in the URL (pt-BR parameter names). This module
 * parses them, turns them into the API's query and builds links that change
 * one filter while keeping the others.
 */
import { buildQuery, type QueryInit } from "../api/query";

export type SearchParamsInit = Record<string, string | string[] | undefined>;

export type EventFilters = {
  q?: string;
  category?: string;
  city?: string;
  state?: string;
  /** YYYY-MM-DD, inclusive, in São Paulo time. */
  from?: string;
  to?: string;
  near?: { lat: number; lng: number };
  radiusKm?: number;
  page: number;
  view: "lista" | "mapa";
};

export const DEFAULT_RADIUS_KM = 25;
export const RADIUS_CHOICES = [5, 10, 25, 50, 100] as const;
export const PAGE_SIZE = 12;

/** URL parameter names. */
const P = {
  q: "q",
  category: "categoria",
  city: "cidade",
  state: "uf",
  from: "de",
  to: "ate",
  near: "perto",
  radius: "raio",
  page: "pagina",
  view: "visao",
} as const;

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG_RE = /^[a-z0-9-]{1,60}$/;

export function parseNear(value: string | undefined): { lat: number; lng: number } | undefined {
  if (!value) return undefined;
  const parts = value.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 2) return undefined;
  const [lat, lng] = parts as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return undefined;
  return { lat, lng };
}

export function formatNear(near: { lat: number; lng: number }): string {
  return `${near.lat.toFixed(4)},${near.lng.toFixed(4)}`;
}

function validDate(value: string | undefined): string | undefined {
  if (!value || !DATE_RE.test(value)) return undefined;
  const d = new Date(`${value}T12:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : value;
}

export function parseEventFilters(sp: SearchParamsInit): EventFilters {
  const filters: EventFilters = { page: 1, view: first(sp[P.view]) === "mapa" ? "mapa" : "lista" };
  const q = first(sp[P.q]);
  if (q) filters.q = q.slice(0, 100);
  const category = first(sp[P.category]);
  if (category && SLUG_RE.test(category)) filters.category = category;
  const city = first(sp[P.city]);
  if (city) filters.city = city.slice(0, 100);
  const state = first(sp[P.state])?.toUpperCase();
  if (state && /^[A-Z]{2}$/.test(state)) filters.state = state;
  const from = validDate(first(sp[P.from]));
  if (from) filters.from = from;
  const to = validDate(first(sp[P.to]));
  if (to) filters.to = to;
  const near = parseNear(first(sp[P.near]));
  if (near) {
    filters.near = near;
    const radius = Number(first(sp[P.radius]));
    filters.radiusKm = Number.isFinite(radius) && radius >= 1 && radius <= 500 ? Math.round(radius) : DEFAULT_RADIUS_KM;
  }
  const page = Number(first(sp[P.page]));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) filters.page = page;
  return filters;
}

/** São Paulo has had no daylight saving time since 2019: its offset is -03:00. */
const SP_OFFSET = "-03:00";

/** The API's query for the filters. */
export function eventFiltersToApiQuery(f: EventFilters, pageSize: number = PAGE_SIZE): QueryInit {
  return {
    q: f.q,
    category: f.category,
    city: f.city,
    state: f.state,
    starts_after: f.from ? `${f.from}T00:00:00${SP_OFFSET}` : undefined,
    starts_before: f.to ? `${f.to}T23:59:59${SP_OFFSET}` : undefined,
    near: f.near ? `${f.near.lat},${f.near.lng}` : undefined,
    radius_km: f.near ? (f.radiusKm ?? DEFAULT_RADIUS_KM) : undefined,
    ordering: f.near ? "distance" : "start",
    page: f.page > 1 ? f.page : undefined,
    page_size: pageSize,
  };
}

/** The URL parameters for the filters (defaults omitted). */
export function eventFiltersToParams(f: EventFilters): QueryInit {
  return {
    [P.q]: f.q,
    [P.category]: f.category,
    [P.city]: f.city,
    [P.state]: f.state,
    [P.from]: f.from,
    [P.to]: f.to,
    [P.near]: f.near ? formatNear(f.near) : undefined,
    [P.radius]: f.near && f.radiusKm && f.radiusKm !== DEFAULT_RADIUS_KM ? f.radiusKm : undefined,
    [P.view]: f.view === "mapa" ? "mapa" : undefined,
    [P.page]: f.page > 1 ? f.page : undefined,
  };
}

/**
 * A link to /eventos with some filters changed. Changing any filter other
 * than the page or the view goes back to page 1.
 */
export function eventsHref(current: EventFilters, changes: Partial<EventFilters> = {}, base = "/eventos"): string {
  const keepsPage = Object.keys(changes).every((k) => k === "page" || k === "view");
  const next: EventFilters = { ...current, ...(keepsPage ? {} : { page: 1 }), ...changes };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete (next as Record<string, unknown>)[k];
  }
  if (!next.near) delete next.radiusKm;
  return `${base}${buildQuery(eventFiltersToParams(next))}`;
}

export function hasActiveFilters(f: EventFilters): boolean {
  return Boolean(f.q || f.category || f.city || f.state || f.from || f.to || f.near);
}

export function totalPages(count: number, pageSize: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** Page numbers to show, with null for gaps: 1 … 4 5 6 … 10 */
export function pageWindow(page: number, pages: number, span = 1): Array<number | null> {
  const out: Array<number | null> = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= span) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}
