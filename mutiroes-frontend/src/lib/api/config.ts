/** Where the Next server reaches the API (never exposed to the browser). */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.API_INTERNAL_URL?.trim() || "http://127.0.0.1:8000";
  return raw.replace(/\/+$/, "");
}
