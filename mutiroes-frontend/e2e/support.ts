/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), axe-core checks, screenshots.
 * The only coupling to the system under test is E2E_BASE_URL.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

export const BASE_URL = (process.env.E2E_BASE_URL ?? "").replace(/\/+$/, "");
if (!BASE_URL) throw new Error("Set E2E_BASE_URL (e.g. http://127.0.0.1:8080) or run scripts/e2e-local.sh");

export const SCREENSHOT_DIR = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));
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
  context.on("page", trackErrors);
  return context;
}

/** What went wrong inside the pages so far: uncaught exceptions and console errors (hydration
 * mismatches, React errors, Content-Security-Policy violations). */
const browserErrors: string[] = [];

function trackErrors(page: Page): void {
  page.on("pageerror", (e) => browserErrors.push(`${page.url()}: uncaught ${e.message.slice(0, 300)}`));
  page.on("console", (m) => {
    const text = m.text();
    // React reports a hydration mismatch as an error (production: "Minified React error #418"); a
    // warning that names hydration counts too.
    if (m.type() !== "error" && !(m.type() === "warning" && /hydrat/i.test(text))) return;
    // A resource's own failure (an aborted map tile, the 404 page's status) is not a page error.
    if (/^Failed to load resource: /.test(text)) return;
    browserErrors.push(`${page.url()}: console ${text.slice(0, 2000)}`);
  });
}

/** The errors collected since the last call (each test asserts there were none). */
export function takeBrowserErrors(): string[] {
  return browserErrors.splice(0);
}

/**
 * One browser for a test file, started before its tests and closed after them, with every context
 * it opened; each test must leave no browser error. Returns how to open a person's page.
 */
export function browserSession(): { personPage: (viewport?: { width: number; height: number }, extra?: Parameters<Browser["newContext"]>[0]) => Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterEach(() => {
    expect(takeBrowserErrors()).toEqual([]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    personPage: async (viewport = DESKTOP, extra = {}) => {
      if (!browser) throw new Error("browserSession: the browser is not started yet (call personPage inside a test or a hook)");
      const context = await newContext(browser, viewport, extra);
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Resolves once React has hydrated the element (a click before that does nothing on a client component). */
export async function hydrated(locator: Locator, timeoutMs = 20_000): Promise<Locator> {
  const target = locator.first();
  const deadline = Date.now() + timeoutMs;
  // Re-resolved on every try: hydration may replace the server-rendered node.
  while (!(await target.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$")), undefined, { timeout: timeoutMs }))) {
    if (Date.now() > deadline) throw new Error(`${String(locator)} was not hydrated after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return target;
}

/** Click once, after hydration. */
export async function press(locator: Locator): Promise<void> {
  await (await hydrated(locator)).click();
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@e2e.mutiroes.dev`;
}

export const PASSWORD = "Mutirao-e2e-2025!";

export async function signUp(page: Page, who: { first: string; last: string; email: string }): Promise<void> {
  await page.goto("/cadastro");
  await hydrated(page.getByRole("button", { name: "Criar conta" }));
  await page.getByLabel("Nome", { exact: true }).fill(who.first);
  await page.getByLabel("Sobrenome").fill(who.last);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Senha", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repita a senha").fill(PASSWORD);
  await press(page.getByRole("button", { name: "Criar conta" }));
  await page.waitForURL(/\/eventos/);
  await page.locator('header a[href="/perfil"]').first().waitFor({ state: "attached" });
}

export async function signIn(page: Page, email: string, next = "/eventos"): Promise<void> {
  await page.goto(`/entrar?next=${encodeURIComponent(next)}`);
  await hydrated(page.getByRole("button", { name: "Entrar" }));
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(PASSWORD);
  await press(page.getByRole("button", { name: "Entrar" }));
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

export async function signOut(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (viewport && viewport.width < 768) await press(page.getByText("Menu"));
  await press(page.getByRole("button", { name: "Sair" }));
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
  // caret "initial": hiding the caret would inject styles into inputs, which React, if it is still
  // hydrating the page, reports as a mismatch with the server's HTML.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true, caret: "initial" });
}

/**
 * A published mutirão that started `startedMinutesAgo` minutes ago (already running, or already
 * over when that is more than `minutes`), so no test waits on the clock. Runs the backend's
 * test-only `e2e_mutirao` command through E2E_MANAGE (set by deploy/e2e-cluster.sh and
 * scripts/e2e-local.sh). Returns its id.
 */
export function seedMutirao(m: {
  organizer: string;
  title: string;
  startedMinutesAgo: number;
  minutes: number;
  confirmed?: string[];
  unlisted?: boolean;
  collective?: string;
}): number {
  const manage = process.env.E2E_MANAGE;
  if (!manage) throw new Error("Set E2E_MANAGE (the backend's manage.py command) to seed a mutirão that already started");
  const args = ["e2e_mutirao", "--organizer", m.organizer, "--title", m.title, "--started-minutes-ago", String(m.startedMinutesAgo), "--minutes", String(m.minutes)];
  if (m.confirmed?.length) args.push("--confirmed", ...m.confirmed);
  if (m.unlisted) args.push("--unlisted");
  if (m.collective) args.push("--collective", m.collective);
  const out = execFileSync("sh", ["-c", `${manage} "$@"`, "sh", ...args], { encoding: "utf8" });
  const id = Number(out.trim().split("\n").pop());
  if (!Number.isInteger(id) || id <= 0) throw new Error(`e2e_mutirao printed ${JSON.stringify(out)}`);
  return id;
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
  await hydrated(page.getByRole("button", { name: "Publicar" }));
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
  await press(page.getByRole("button", { name: "Publicar" }));
  await page.waitForURL(/\/eventos\/\d+(\?|$)/);
  const id = Number(new URL(page.url()).pathname.split("/")[2]);
  expect(id).toBeGreaterThan(0);
  return id;
}

export function participationStatus(page: Page) {
  return page.getByTestId("participation-status");
}

/** Moves a published mutirão organized in the browser into the past (test-only `e2e_mutirao_held`). */
export function holdMutirao(id: number, startedMinutesAgo: number, minutes: number): void {
  const manage = process.env.E2E_MANAGE;
  if (!manage) throw new Error("Set E2E_MANAGE (the backend's manage.py command) to move a mutirão into the past");
  const args = ["e2e_mutirao_held", "--id", String(id), "--started-minutes-ago", String(startedMinutesAgo), "--minutes", String(minutes)];
  const out = execFileSync("sh", ["-c", `${manage} "$@"`, "sh", ...args], { encoding: "utf8" });
  if (out.trim().split("\n").pop() !== "1") throw new Error(`e2e_mutirao_held printed ${JSON.stringify(out)}`);
}
