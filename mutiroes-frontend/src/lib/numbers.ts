/**
 * Numbers as people in Brazil type and read them: "1.500,5" is one thousand five hundred and a
 * half. The one place that parses what a form received and formats what a page shows
 * (report, hours, capacity, statistics). Pure and tested (numbers.test.ts).
 */

export type NumberRules = {
  /** Whole numbers only (trees, bags, seats). */
  integer?: boolean;
  /** Smallest accepted value (default 0: nothing here is negative). */
  min?: number;
  max?: number;
  /** Most decimal places the API stores (kg, m², hours: 2). */
  decimals?: number;
};

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; error: string };

const GROUPED = /^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/; // 1.500 · 1.500,5
const PLAIN_COMMA = /^-?\d+(?:,\d+)?$/; // 1500 · 1500,5
const PLAIN_DOT = /^-?\d*\.\d+$/; // 12.50 (a dot that is not a thousands separator)

/** "1.500,5" → 1500.5; "" → null; refuses text, negatives, fractions where a whole number is meant. */
export function parseNumberBR(raw: string, rules: NumberRules = {}): ParsedNumber {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (!text) return { ok: true, value: null };
  let normal: string;
  if (GROUPED.test(text)) normal = text.replace(/\./g, "").replace(",", ".");
  else if (PLAIN_COMMA.test(text)) normal = text.replace(",", ".");
  else if (PLAIN_DOT.test(text)) normal = text;
  else return { ok: false, error: "Use só algarismos, como 1.500,5." };
  const value = Number(normal);
  if (!Number.isFinite(value)) return { ok: false, error: "Use só algarismos, como 1.500,5." };
  const { integer = false, min = 0, max, decimals } = rules;
  if (value < min) return { ok: false, error: `Informe um valor maior ou igual a ${formatNumberBR(min, 2)}.` };
  if (max !== undefined && value > max) return { ok: false, error: `Informe um valor menor ou igual a ${formatNumberBR(max, 2)}.` };
  if (integer && !Number.isInteger(value)) return { ok: false, error: "Informe um número inteiro." };
  const places = normal.includes(".") ? normal.split(".")[1]!.length : 0;
  if (decimals !== undefined && places > decimals) return { ok: false, error: `Use no máximo ${decimals} casas decimais.` };
  return { ok: true, value };
}

/** An API number (a JSON number or a decimal string such as "12.50") as a number; 0 when absent. */
export function toNumber(value: number | string | null | undefined): number {
  if (value === null || value === undefined || value === "") return 0;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** 1500.5 → "1.500,5" (pt-BR grouping and decimal comma). */
export function formatNumberBR(value: number | string | null | undefined, maxFractionDigits = 1): string {
  return new Intl.NumberFormat("pt-BR", { maximumFractionDigits: maxFractionDigits }).format(toNumber(value));
}

/** An API value as the text of an input, in the same pt-BR form the parser reads ("" when absent). */
export function numberInputValue(value: number | string | null | undefined, maxFractionDigits = 2): string {
  if (value === null || value === undefined || value === "") return "";
  return formatNumberBR(value, maxFractionDigits);
}

/** A decimal string for the API ("1500.50"), from a parsed value. */
export function apiDecimal(value: number, places = 2): string {
  return value.toFixed(places);
}
