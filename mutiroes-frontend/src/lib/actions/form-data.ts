/** Reading FormData values as strings (files are ignored). */
export function str(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

export function rawStr(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

export function intOrUndefined(form: FormData, name: string): number | undefined {
  const s = str(form, name);
  if (!s) return undefined;
  const n = Number(s);
  return Number.isInteger(n) ? n : undefined;
}

export function bool(form: FormData, name: string): boolean {
  const v = str(form, name);
  return v === "on" || v === "true" || v === "1";
}

/** The form's text values (never passwords), to refill a form after an error. */
export function textValues(form: FormData, omit: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.startsWith("$") || omit.includes(key) || /password/i.test(key)) continue;
    out[key] = value;
  }
  return out;
}
