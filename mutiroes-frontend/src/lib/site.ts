/** The public base URL (for Open Graph and absolute links). */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.PUBLIC_SITE_URL?.trim() || env.PUBLIC_URL?.trim() || env.FRONTEND_URL?.trim() || "http://localhost:3000";
  try {
    return new URL(raw).toString().replace(/\/+$/, "");
  } catch {
    return "http://localhost:3000";
  }
}

const SAME_ORIGIN_BASE = "http://mutiroes.invalid";

/**
 * The post-login destination: a same-origin path, or the fallback.
 *
 * Browsers drop tabs and newlines inside URLs and treat "\\" as "/", so "/\t/evil.example" or
 * "/\\evil.example" would leave the site. Any control character, space or backslash is refused;
 * what is left is parsed with the URL API against a placeholder origin and must stay on it.
 */
export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/")) return fallback;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, SAME_ORIGIN_BASE);
  } catch {
    return fallback;
  }
  if (parsed.origin !== SAME_ORIGIN_BASE) return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // "//x" resolves to another host above; a path that normalizes to start with "//" is refused too.
  return path.startsWith("//") ? fallback : path;
}
