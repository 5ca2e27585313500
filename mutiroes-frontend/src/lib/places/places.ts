/**
 * Every Brazilian municipality (IBGE code, name, UF, the seat's coordinates), offline: the
 * gazetteer behind "Perto de" and the organizer's place search. Data: municipalities.json, built by
 * scripts/build-municipalities.py from GeoNames (CC BY 4.0). Server-side only (≈280 kB); the
 * browser asks /lugares. Pure and tested (places.test.ts).
 */
import "server-only";
import data from "./municipalities.json";
import { formatNear, type SearchParamsInit } from "../events/filters";
import { foldText } from "../text";

export type Place = { code: string; name: string; uf: string; lat: number; lng: number };

type Row = [string, string, string, number, number];

type Entry = Place & { folded: string; spaced: string };

/** Lower case, no accents, no punctuation: "São João d'Aliança" → "sao joao dalianca". */
export function foldPlaceName(text: string): string {
  return foldText(text)
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const ENTRIES: readonly Entry[] = (data as Row[]).map(([code, name, uf, lat, lng]) => {
  const folded = foldPlaceName(name);
  return { code, name, uf, lat, lng, folded, spaced: ` ${folded}` };
});

const BY_NEAR = new Map(ENTRIES.map((e) => [formatNear(e), e]));

function plain({ code, name, uf, lat, lng }: Entry): Place {
  return { code, name, uf, lat, lng };
}

export function placeCount(): number {
  return ENTRIES.length;
}

/** "Campinas (SP)": how a place is written in fields and links. */
export function placeLabel(place: Place): string {
  return `${place.name} (${place.uf})`;
}

/**
 * Places whose name matches what was typed, best first: the whole name, then names that start
 * with it, then a word that starts with it, then anywhere. Accents and case are ignored; a UF
 * after the name narrows it ("campinas sp", "Campinas (SP)", "rio, rj").
 */
export function searchPlaces(query: string, limit = 8): Place[] {
  let text = foldPlaceName(query);
  let uf: string | undefined;
  const tail = /^(.*\S)\s+([a-z]{2})$/.exec(text);
  if (tail && ENTRIES.some((e) => e.uf.toLowerCase() === tail[2])) {
    text = tail[1]!;
    uf = tail[2]!.toUpperCase();
  }
  if (!text) return [];
  const scored: Array<{ entry: Entry; rank: number }> = [];
  for (const entry of ENTRIES) {
    if (uf && entry.uf !== uf) continue;
    const rank = entry.folded === text ? 0 : entry.folded.startsWith(text) ? 1 : entry.spaced.includes(` ${text}`) ? 2 : entry.folded.includes(text) ? 3 : -1;
    if (rank >= 0) scored.push({ entry, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.entry.folded.localeCompare(b.entry.folded) || a.entry.uf.localeCompare(b.entry.uf));
  return scored.slice(0, limit).map((s) => plain(s.entry));
}

/** The place a typed name stands for (the best match), if any. */
export function resolvePlace(query: string | undefined): Place | undefined {
  return query ? searchPlaces(query, 1)[0] : undefined;
}

/** The municipality whose seat is exactly at `perto` ("lat,lng" with 4 decimals), to name it. */
export function placeAt(near: { lat: number; lng: number } | undefined): Place | undefined {
  const entry = near ? BY_NEAR.get(formatNear(near)) : undefined;
  return entry ? plain(entry) : undefined;
}

/** The query string with `perto` set from a typed place name (`lugar`) when no point was chosen:
 * the "Perto de" field without JavaScript, or typed without picking from the list. */
export function withTypedPlace(sp: SearchParamsInit): SearchParamsInit {
  const typed = Array.isArray(sp.lugar) ? sp.lugar[0] : sp.lugar;
  if (sp.perto || !typed) return sp;
  const place = resolvePlace(typed);
  return place ? { ...sp, perto: formatNear(place) } : sp;
}

/** How the field names the current `perto`: the municipality, or the person's own position. */
export function nearLabel(near: { lat: number; lng: number } | undefined): string {
  if (!near) return "";
  const place = placeAt(near);
  return place ? placeLabel(place) : "Minha localização";
}
