/**
 * nginx keeps an anonymous view of `/eventos` and of a mutirão's page for the rest of its second and
 * hands it to the next anonymous visitors with their own script nonce (nginx.conf.template, "pages
 * micro-cache"). A page from that cache must run its scripts under the policy (a CSP violation is a
 * console error, which fails the test: support.ts) and work: hydrated, navigable.
 */
import type { BrowserContext, Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, browserSession, hydrated } from "./support";

const { personPage } = browserSession();

/** Opens `path` in the page as a copy from nginx's cache: another anonymous view of it first, both
 * early in one second (the cache keeps a page only to the end of the second it was made in). */
async function openFromCache(context: BrowserContext, page: Page, path: string): Promise<Response> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, (1000 - (Date.now() % 1000) + 10) % 1000));
    const primed = await context.request.get(path);
    expect(primed.status(), path).toBe(200);
    const response = await page.goto(path);
    if (response?.headers()["x-cache-status"] === "HIT") return response;
  }
  throw new Error(`${path} was never answered from nginx's cache in 5 attempts`);
}

/** The nonce of every `<script>` tag in the document as nginx served it. Only those: once the page
 * runs, the bundler's runtime adds (and later removes) a `<script src>` of its own for each chunk
 * loaded on demand (the map's Leaflet), without a nonce, which the policy's 'self' admits. */
async function servedScriptNonces(response: Response): Promise<string[]> {
  const html = await response.text();
  return [...html.matchAll(/<script\b[^>]*>/g)].map((tag) => /\snonce="([^"]*)"/.exec(tag[0])?.[1] ?? "");
}

function policyNonce(response: Response): string {
  const nonce = /'nonce-([0-9a-f]{32})'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  if (!nonce) throw new Error("the answer's policy has no nonce");
  return nonce;
}

describe("pages from nginx's cache of anonymous views", () => {
  it("/eventos hydrates, runs under its own nonce and navigates", async () => {
    const page = await personPage(PHONE);
    const context = page.context();
    const response = await openFromCache(context, page, "/eventos");
    const nonce = policyNonce(response);
    const scriptNonces = await servedScriptNonces(response);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // a client-side navigation (the router's RSC request) needs the page's scripts to have run
    const toMap = page.getByRole("link", { name: "Mapa", exact: true });
    await hydrated(toMap);
    const rsc = page.waitForRequest((r) => r.headers()["rsc"] === "1");
    await toMap.click();
    await rsc;
    await page.waitForURL(/visao=mapa/);
    await page.locator(".leaflet-container").waitFor();
  });

  it("a mutirão's page hydrates and shows its map", async () => {
    const page = await personPage(PHONE);
    const context = page.context();
    await page.goto("/eventos");
    const href = await page.locator("main ul li article h2 a").first().getAttribute("href");
    expect(href).toMatch(/^\/eventos\/\d+$/);
    const response = await openFromCache(context, page, href ?? "");
    const nonce = policyNonce(response);
    const scriptNonces = await servedScriptNonces(response);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    await page.locator(".leaflet-container").waitFor();
    await hydrated(page.getByRole("link", { name: "← Todos os mutirões" }));
  });
});
