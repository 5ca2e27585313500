/** The public base URL (for Open Graph and absolute links). */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.PUBLIC_SITE_URL?.trim() || env.PUBLIC_URL?.trim() || env.FRONTEND_URL?.trim() || "http://localhost:3000";
  try {
    return new URL(raw).toString().replace(/\/+$/, "");
  } catch {
    return "http://localhost:3000";
  }
}

/** Only same-site relative paths are allowed as a post-login destination. */
export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
