import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, PHONE, expectAccessible, launch, newContext, screenshot, signUp, takeBrowserErrors, uniqueEmail } from "./support";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterEach(() => {
  // Uncaught errors and console errors (a hydration mismatch, a CSP violation) on any page visited.
  expect(takeBrowserErrors()).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
});

const PUBLIC_PAGES: Array<[string, string]> = [
  ["/", "inicio"],
  ["/eventos", "eventos"],
  ["/eventos?visao=mapa&perto=-22.9068,-43.1729", "eventos-mapa"],
  ["/impacto", "impacto"],
  ["/entrar", "entrar"],
  ["/cadastro", "cadastro"],
  ["/recuperar-senha", "recuperar-senha"],
  ["/privacidade", "privacidade"],
  ["/termos", "termos"],
  ["/pagina-que-nao-existe", "404"],
];

describe.each([
  ["phone", PHONE],
  ["desktop", DESKTOP],
])("main pages on %s", (_name, viewport) => {
  it("render, are accessible and are captured", async () => {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    for (const [path, name] of PUBLIC_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(name === "404" ? 404 : 200);
      await expect.poll(() => page.locator("main h1").count(), { message: path }).toBeGreaterThan(0);
      if (name === "eventos-mapa") await page.locator(".leaflet-container").waitFor();
      await screenshot(page, name);
      await expectAccessible(page, path);
    }
    // The first event's page.
    await page.goto("/eventos");
    await page.locator("main ul li article h2 a").first().click();
    await page.waitForURL(/\/eventos\/\d+$/);
    await page.locator(".leaflet-container").waitFor();
    await screenshot(page, "evento");
    await expectAccessible(page, "event page");
    const og = await page.locator('meta[property="og:title"]').getAttribute("content");
    expect(og).toBeTruthy();

    // Signed-in pages.
    await signUp(page, { first: "Paula", last: "Paginas", email: uniqueEmail("paginas") });
    for (const [path, name] of [
      ["/perfil", "perfil"],
      ["/notificacoes", "notificacoes"],
      ["/eventos/novo", "eventos-novo"],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => page.locator("main h1").count(), { message: path }).toBeGreaterThan(0);
      await screenshot(page, name);
      await expectAccessible(page, path);
    }
    await context.close();
  }, 180_000);
});
