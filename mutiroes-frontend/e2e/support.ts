/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), axe-core checks, screenshots.
 * The only coupling to the system under test is E2E_BASE_URL.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export const BASE_URL = (process.env.E2E_BASE_URL ?? "").replace(/\/+$/, "");
if (!BASE_URL) throw new Error("Set E2E_BASE_URL (e.g. http://127.0.0.1:8080) or run scripts/e2e-local.sh");

export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "test-results", "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Debian's Chromium, headless; `extraArgs` add switches (e.g. a fake camera). */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

/**
 * Chromium whose camera plays `y4mFile` in a loop (granted without a prompt): a real
 * getUserMedia stream with known content, the way to drive a camera in a test.
 */
export async function launchWithFakeCamera(y4mFile: string): Promise<Browser> {
  return launch(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${y4mFile}`]);
}

export async function newContext(browser: Browser, viewport = DESKTOP, extra: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, locale: "pt-BR", timezoneId: "America/Sao_Paulo", ...extra });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  // Map tiles come from the internet, which the tests must not need: fail them fast (the page must cope).
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  return context;
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@e2e.mutiroes.dev`;
}

export const PASSWORD = "Mutirao-e2e-2025!";

export async function signUp(page: Page, who: { first: string; last: string; email: string }): Promise<void> {
  await page.goto("/cadastro");
  await page.getByLabel("Nome", { exact: true }).fill(who.first);
  await page.getByLabel("Sobrenome").fill(who.last);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Senha", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repita a senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await page.waitForURL(/\/eventos/);
  await page.locator('header a[href="/perfil"]').first().waitFor({ state: "attached" });
}

export async function signIn(page: Page, email: string, next = "/eventos"): Promise<void> {
  await page.goto(`/entrar?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

export async function signOut(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (viewport && viewport.width < 768) await page.getByText("Menu").click();
  await page.getByRole("button", { name: "Sair" }).first().click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** No serious or critical axe violation on the current page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n  ")}`).join("\n");
  expect(bad, `axe on ${label}:\n${report}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}

/** "YYYY-MM-DDTHH:mm" in São Paulo time, `minutesAhead` from now, rounded up to the next minute. */
export function spLocal(minutesAhead: number): string {
  const at = new Date(Math.ceil((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000);
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Sao_Paulo",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

export type NewEvent = { title: string; startInMinutes: number; durationMinutes: number; capacity: number };

/** Fills /eventos/novo and publishes; returns the new event's id. */
export async function createAndPublishEvent(page: Page, e: NewEvent): Promise<number> {
  await page.goto("/eventos/novo");
  await page.getByLabel("Título", { exact: true }).fill(e.title);
  await page.getByLabel("Categoria").selectOption({ label: "Limpeza de Praias" });
  await page.getByLabel("Descrição").fill("Mutirão criado pelos testes de ponta a ponta. Traga água e protetor solar.");
  await page.getByLabel("Início").fill(spLocal(e.startInMinutes));
  await page.getByLabel("Fim", { exact: true }).fill(spLocal(e.startInMinutes + e.durationMinutes));
  await page.getByLabel("Ponto de encontro", { exact: true }).fill("Posto 6, Av. Atlântica");
  await page.getByLabel("Cidade", { exact: true }).fill("Rio de Janeiro");
  await page.getByLabel("Estado", { exact: true }).selectOption("RJ");
  await page.getByLabel("Latitude").fill("-22.9840");
  await page.getByLabel("Longitude").fill("-43.1890");
  await page.getByLabel("Vagas").fill(String(e.capacity));
  await page.getByRole("button", { name: "Publicar" }).click();
  await page.waitForURL(/\/eventos\/\d+(\?|$)/);
  const id = Number(new URL(page.url()).pathname.split("/")[2]);
  expect(id).toBeGreaterThan(0);
  return id;
}

export function participationStatus(page: Page) {
  return page.getByTestId("participation-status");
}

/**
 * Do `act` until `check` holds (a few tries). Guards clicks that can land
 * before React has hydrated the page, when a button does nothing yet.
 */
export async function actUntil(act: () => Promise<void>, check: () => Promise<boolean>, { tries = 3, timeoutMs = 10_000 } = {}): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await act();
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`condition not met after ${tries} tries`);
}

/**
 * Production builds of Next 15 sometimes never commit the page update that follows a Server
 * Action (vercel/next.js#98303): the action succeeds and its response arrives, but the page keeps
 * its old state, its submit button stuck on "Enviando…", until a reload. Waits up to `timeoutMs`
 * for `check` on the page as it is, then reloads once and checks again, so that a test
 * asserts what the server did rather than that upstream stall.
 */
export async function expectAfterAction(page: Page, check: () => Promise<boolean>, { timeoutMs = 20_000 } = {}): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await page.reload();
  await expect.poll(check, { timeout: 20_000 }).toBe(true);
}
