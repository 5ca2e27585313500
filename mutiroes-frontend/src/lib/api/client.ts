import "server-only";
import { headers as requestHeaders } from "next/headers";
import { apiBaseUrl } from "./config";
import { defaultMessage, parseApiError, type ApiError } from "./errors";
import { withQuery, type QueryInit } from "./query";
import { currentAccessToken, readTokens, refreshAccessToken } from "./session";

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export type ApiRequest = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: QueryInit;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (file uploads). */
  formData?: FormData;
  /** Send the user's token when there is one (default true). */
  auth?: boolean;
  /** Cache public GETs for this many seconds (only used with `auth: false`). */
  revalidate?: number;
};

/**
 * The browser's address and the request id, passed on to the API. nginx (the only way in)
 * sets X-Real-IP to the browser's address; the API's internal listener trusts X-Forwarded-For
 * from this server only, so Django's throttles count each browser, not this server.
 */
async function forwardedHeaders(): Promise<Record<string, string>> {
  try {
    const incoming = await requestHeaders();
    const out: Record<string, string> = {};
    const client = incoming.get("x-real-ip");
    if (client) out["X-Forwarded-For"] = client;
    const requestId = incoming.get("x-request-id");
    if (requestId) out["X-Request-ID"] = requestId;
    return out;
  } catch {
    return {}; // outside a request (build time): nothing to forward
  }
}

async function send(path: string, req: ApiRequest, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": "pt-BR",
    ...(await forwardedHeaders()),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (req.formData) body = req.formData;
  else if (req.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(req.body);
  }
  const cacheable = !token && req.revalidate !== undefined && (req.method ?? "GET") === "GET";
  return fetch(`${apiBaseUrl()}${withQuery(path, req.query)}`, {
    method: req.method ?? "GET",
    headers,
    body,
    ...(cacheable ? { next: { revalidate: req.revalidate } } : { cache: "no-store" as const }),
  });
}

/**
 * The raw response, with the user's token and one transparent refresh-and-retry
 * on 401. A GET whose token turns out to be dead is retried anonymously, so
 * public pages keep working for a visitor with a stale cookie.
 */
export async function apiResponse(path: string, req: ApiRequest = {}): Promise<Response> {
  const useAuth = req.auth ?? true;
  const token = useAuth ? await currentAccessToken() : undefined;
  let res = await send(path, req, token);
  if (res.status === 401 && token) {
    const { refresh } = await readTokens();
    const fresh = refresh ? await refreshAccessToken(refresh) : undefined;
    if (fresh && fresh !== token) res = await send(path, req, fresh);
    else if ((req.method ?? "GET") === "GET") res = await send(path, req, undefined);
  }
  return res;
}

export async function api<T>(path: string, req: ApiRequest = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await apiResponse(path, req);
  } catch {
    return { ok: false, status: 0, error: { status: 0, message: defaultMessage(0), fields: {} } };
  }
  if (res.status === 204) return { ok: true, status: 204, data: undefined as T };
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  return { ok: false, status: res.status, error: parseApiError(res.status, body) };
}

/** Data or null on 404 (and other failures when `orNullOn` says so): endpoints that may not exist yet degrade to empty. */
export async function apiOrNull<T>(path: string, req: ApiRequest = {}): Promise<T | null> {
  const result = await api<T>(path, req);
  return result.ok ? result.data : null;
}
