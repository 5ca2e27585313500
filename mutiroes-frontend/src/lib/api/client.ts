import "server-only";
import createClient, { type Client } from "openapi-fetch";
import { cookies, headers as requestHeaders } from "next/headers";
import { viaAnonymousCache } from "./anonymous-cache";
import { anonymousCacheSeconds, apiBaseUrl, apiTimeoutMs } from "./config";
import { noAnswerMessage, parseApiError, type ApiError } from "./errors";
import { currentAccessToken, readTokens, refreshAccessToken } from "./session";
import type { paths } from "./schema";
import { shareCookieForApiPath, shareTokenFromCookie } from "./share";

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export type ApiOptions = {
  /** Send the user's token when there is one (default true). */
  auth?: boolean;
  /** Cache public GETs for this many seconds (only used with `auth: false`). */
  revalidate?: number;
  /**
   * For a visitor with no session and no share token, share this GET's 200 answer with every such
   * visitor for this many seconds, in this server's memory (anonymous-cache.ts). The call itself
   * still carries the visitor's address and request id, unlike `revalidate`.
   */
  anonymousSeconds?: number;
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

/** The share token of an unlisted mutirão, for calls about that mutirão (see share.ts). */
async function shareHeader(path: string): Promise<Record<string, string>> {
  const name = shareCookieForApiPath(path);
  if (!name) return {};
  try {
    const token = shareTokenFromCookie((await cookies()).get(name)?.value);
    return token ? { "X-Share-Token": token } : {};
  } catch {
    return {}; // outside a request
  }
}

async function send(request: Request, token: string | undefined, options: ApiOptions): Promise<Response> {
  const headers = new Headers(request.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  headers.set("Accept-Language", "pt-BR");
  const share = await shareHeader(new URL(request.url).pathname);
  // an unlisted mutirão (share token) is never put in the shared fetch cache
  const cacheable = !token && !share["X-Share-Token"] && options.revalidate !== undefined && request.method === "GET";
  // Next's fetch cache keys on every request header: a per-visit header (address, request id)
  // would make each page view its own cache entry, so a cached public GET carries none.
  if (!cacheable) for (const [name, value] of Object.entries(await forwardedHeaders())) headers.set(name, value);
  for (const [name, value] of Object.entries(share)) headers.set(name, value);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const call = async () => fetch(request.url, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: AbortSignal.timeout(apiTimeoutMs()),
    ...(cacheable ? { next: { revalidate: options.revalidate } } : { cache: "no-store" as const }),
  });
  const seconds = options.anonymousSeconds ?? 0;
  if (cacheable || token || share["X-Share-Token"] || request.method !== "GET" || seconds <= 0) return call();
  return viaAnonymousCache(`${headers.get("Accept")} ${request.url}`, seconds, call);
}

/**
 * Sends with the user's token and one transparent refresh-and-retry on 401. A GET whose token
 * turns out to be dead is retried anonymously, so public pages keep working for a visitor with
 * a stale cookie.
 */
async function sendWithSession(request: Request, options: ApiOptions): Promise<Response> {
  const token = (options.auth ?? true) ? await currentAccessToken() : undefined;
  const again = request.clone();
  let res = await send(request, token, options);
  if (res.status === 401 && token) {
    const { refresh } = await readTokens();
    const fresh = refresh ? await refreshAccessToken(refresh) : undefined;
    if (fresh && fresh !== token) res = await send(again, fresh, options);
    else if (request.method === "GET") res = await send(again, undefined, options);
  }
  return res;
}

/** The client typed from `schema.d.ts`: every path, parameter, body and answer as the API documents it. */
export function apiClient(options: ApiOptions = {}): Client<paths> {
  return createClient<paths>({ baseUrl: apiBaseUrl(), fetch: (request) => sendWithSession(request, options) });
}

/**
 * The client for a public page's reads (a mutirão's page and its parts): with the user's token
 * as usual; for an anonymous visitor without a share token, the answers are shared for a few
 * seconds (`anonymousSeconds`, API_ANONYMOUS_CACHE_SECONDS).
 */
export function publicReadClient(): Client<paths> {
  return apiClient({ anonymousSeconds: anonymousCacheSeconds() });
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The API refused the web app itself, not the user's request: a 400 or 403 that is not the
 * API's JSON error shape (Django's "Bad Request (400)" page for a Host outside
 * DJANGO_ALLOWED_HOSTS, a CSRF page). A configuration error: logged and thrown, so the page
 * shows the pt-BR error page (app/error.tsx) instead of rendering empty lists.
 */
export class ApiRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`The API refused the web app's call ${path} with ${status} (not the API's JSON error shape): check DJANGO_ALLOWED_HOSTS and API_INTERNAL_URL.`);
    this.name = "ApiRefusedError";
  }
}

function isApiErrorShape(body: unknown): boolean {
  return Boolean(body && typeof body === "object" && ("detail" in body || "code" in body || "errors" in body));
}

function refusedByTheApi(response: Response, error: unknown): ApiRefusedError | null {
  if ((response.status !== 400 && response.status !== 403) || isApiErrorShape(error)) return null;
  const refused = new ApiRefusedError(new URL(response.url || "http://api.invalid/").pathname, response.status);
  console.error(`${refused.message} Answer: ${String(typeof error === "string" ? error : JSON.stringify(error ?? "")).slice(0, 200)}`);
  return refused;
}

/**
 * nginx sets this request header (to "1") on a page view it may keep and show to every anonymous
 * visitor for the rest of the second (nginx.conf.template, "pages micro-cache"); it is absent on any
 * other view.
 */
export const SHARED_PAGE_HEADER = "x-mutiroes-shared-page";

/**
 * A call of a page that nginx may show to every anonymous visitor failed for a reason of the moment
 * or of this one visitor (the API unreachable or slow, a 5xx, this visitor's throttle): the page is
 * not rendered with it, so that it answers 500 (app/error.tsx) and nginx keeps nothing. Otherwise one
 * throttled visitor, timing a view at the start of each second, could show "Não foi possível
 * carregar" to everyone. A view for one visitor still shows its failure inline.
 */
export class SharedPageLoadError extends Error {
  constructor(readonly status: number) {
    super(`A call of a page shared with every anonymous visitor failed with ${status}: not rendered, not kept.`);
    this.name = "SharedPageLoadError";
  }
}

function momentaryFailure(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

async function sharedPageView(): Promise<boolean> {
  try {
    return (await requestHeaders()).get(SHARED_PAGE_HEADER) === "1";
  } catch {
    return false; // outside a request
  }
}

async function failure<T>(status: number, error: ApiError): Promise<ApiResult<T>> {
  if (momentaryFailure(status) && (await sharedPageView())) throw new SharedPageLoadError(status);
  return { ok: false, status, error };
}

/** One call's answer as a result: the typed data, or the API's one error shape (status 0: unreachable). */
export async function result<T>(answer: Promise<Answer<T>>): Promise<ApiResult<T>> {
  let settled: Answer<T>;
  try {
    settled = await answer;
  } catch (error) {
    return failure(0, { status: 0, message: noAnswerMessage(error), fields: {} });
  }
  const { data, error, response } = settled;
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const refused = refusedByTheApi(response, error);
  if (refused) throw refused;
  return failure(response.status, parseApiError(response.status, error));
}

/** A file from the API (PDF, CSV, iCalendar, JSON export): its bytes, or the API's one error. */
export type Download = { ok: true; response: Response } | { ok: false; status: number; error: ApiError };

export async function download(answer: Promise<{ error?: unknown; response: Response }>): Promise<Download> {
  let settled: { error?: unknown; response: Response };
  try {
    settled = await answer;
  } catch (error) {
    return { ok: false, status: 0, error: { status: 0, message: noAnswerMessage(error), fields: {} } };
  }
  const { error, response } = settled;
  if (response.ok) return { ok: true, response };
  return { ok: false, status: response.status, error: parseApiError(response.status, error) };
}

/** The data a page cannot render without: a failure goes to the route's error page (error.tsx). */
export function orThrow<T>(answer: ApiResult<T>): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/**
 * A Route Handler's answer for a file from the API: the file with its type and name, or the API's
 * own message (pt-BR, plain text) with the API's status (502 when the API itself failed).
 */
export async function fileResponse(file: Download, as: { contentType: string; filename: string }): Promise<Response> {
  if (!file.ok) {
    const status = file.status >= 500 || file.status === 0 ? 502 : file.status;
    return new Response(file.error.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(await file.response.arrayBuffer(), {
    headers: { "Content-Type": as.contentType, "Content-Disposition": `attachment; filename="${as.filename}"`, "Cache-Control": "private, no-store" },
  });
}

/** The options of a one-image multipart upload (`image`): the typed body names the file, the
 * serializer sends the file itself. */
export function imageUpload(image: File): { body: { image: string }; bodySerializer: () => FormData } {
  return {
    body: { image: image.name },
    bodySerializer: () => {
      const form = new FormData();
      form.set("image", image, image.name);
      return form;
    },
  };
}
