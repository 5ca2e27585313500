/** Display helpers: pt-BR, America/Sao_Paulo. */
import type { ParticipationStatus, EventPhase } from "./api/types";
import { formatNumberBR as formatNumber, toNumber } from "./numbers";

export { formatNumber, toNumber };

export const TIME_ZONE = "America/Sao_Paulo";

const dateTimeFmt = new Intl.DateTimeFormat("pt-BR", {
  timeZone: TIME_ZONE,
  weekday: "short",
  day: "2-digit",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TIME_ZONE, day: "2-digit", month: "long", year: "numeric" });
const shortDateFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TIME_ZONE, day: "2-digit", month: "short" });
const timeFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const dayKeyFmt = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** A date-only value ("2026-04-12") is a calendar day, not UTC midnight (which is the evening
 * before in Brazil): read it at noon in São Paulo. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00-03:00` : value);
}

export function formatDateTime(value: string | Date): string {
  return dateTimeFmt.format(toDate(value));
}

export function formatDate(value: string | Date): string {
  return dateFmt.format(toDate(value));
}

export function formatShortDate(value: string | Date): string {
  return shortDateFmt.format(toDate(value)).replace(".", "");
}

export function formatTime(value: string | Date): string {
  return timeFmt.format(toDate(value));
}

/** "sáb., 12 de abr. de 2025, 08:00 – 12:00" or two full date-times when the days differ. */
export function formatRange(start: string, end: string): string {
  const sameDay = dayKeyFmt.format(toDate(start)) === dayKeyFmt.format(toDate(end));
  return sameDay ? `${formatDateTime(start)} – ${formatTime(end)}` : `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

export function formatHours(value: number | string | null | undefined): string {
  const n = toNumber(value);
  return `${formatNumber(n, 1)} ${n === 1 ? "hora" : "horas"}`;
}

export function formatDistance(km: number | null | undefined): string | null {
  if (km === null || km === undefined || !Number.isFinite(km)) return null;
  return km < 1 ? `${Math.round(km * 1000)} m` : `${formatNumber(km, 1)} km`;
}

export const PARTICIPATION_LABEL: Record<ParticipationStatus, string> = {
  confirmed: "Confirmado",
  waitlisted: "Na lista de espera",
  pending: "Aguardando aprovação",
  rejected: "Não aprovado",
  cancelled: "Inscrição cancelada",
};

/** What a mutirão's badge says: the API's `phase` (a running one is not just "Publicado"). */
export const EVENT_PHASE_LABEL: Record<EventPhase, string> = {
  draft: "Rascunho",
  upcoming: "Publicado",
  running: "Acontecendo agora",
  ended: "Concluído",
  cancelled: "Cancelado",
};

/**
 * A `datetime-local` value ("2025-04-12T08:00") typed in São Paulo time →
 * ISO 8601 with the offset that applied at that moment.
 */
export function saoPauloLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetMin = tzOffsetMinutes(new Date(asUtc));
  const sign = offsetMin <= 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Offset of São Paulo from UTC in minutes at a given instant (e.g. -180). */
export function tzOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

/** ISO instant → `datetime-local` value in São Paulo time, for editing forms. */
export function isoToSaoPauloLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}
