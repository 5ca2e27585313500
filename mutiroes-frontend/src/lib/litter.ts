/** Labels of the litter report and waste enums, as the web app shows them (pt-BR). */
import { apiDecimal, parseNumberBR } from "@/lib/numbers";
import type { LitterSize, LitterStatus, WasteDestination, WasteReceiverKind } from "@/lib/api/types";

export const SIZE_LABELS: Record<LitterSize, string> = { bag: "Cabe num saco", car: "Uma carga de carro", truck: "Uma carga de caminhão" };

export const STATUS_LABELS: Record<LitterStatus, string> = { open: "Aberto", cleaned: "Limpo" };

export const DESTINATION_LABELS: Record<WasteDestination, string> = {
  recycling: "Reciclagem",
  composting: "Compostagem",
  landfill: "Aterro",
  hazardous: "Resíduo perigoso (tratamento)",
};

export const RECEIVER_LABELS: Record<WasteReceiverKind, string> = {
  cooperative: "Cooperativa de catadores",
  recycler: "Reciclador",
  municipal: "Coleta municipal",
};

export const AGE_OPTIONS: ReadonlyArray<{ days: number; label: string }> = [
  { days: 7, label: "Última semana" },
  { days: 30, label: "Último mês" },
  { days: 365, label: "Último ano" },
];

/** The receiver's link for a handover token (the query parameter is redacted from access logs). */
export function receiptPath(token: string): string {
  return `/recebimento?token=${encodeURIComponent(token)}`;
}

/** "2,5; 3 4,25" (one weight per bag, in kg) → ["2.50", "3.00", "4.25"], or the first problem. */
export function parseBagWeights(raw: string): string[] | string {
  const parts = raw.split(/[;\s]+/).filter(Boolean);
  if (!parts.length) return "Informe o peso de cada saco, em kg.";
  const out: string[] = [];
  for (const part of parts) {
    const parsed = parseNumberBR(part, { min: 0.01, max: 99999.99, decimals: 2 });
    if (!parsed.ok || parsed.value === null) return `“${part}”: ${parsed.ok ? "informe um peso" : parsed.error}`;
    out.push(apiDecimal(parsed.value));
  }
  return out;
}
