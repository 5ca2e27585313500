/**
 * Field mode: the organizer's check-in screen keeps working without signal (service worker,
 * device queue), the queue is sent once the connection returns (each operation exactly once),
 * the volunteer's code opens offline, the safety roll call, the installable app, and signing out
 * forgets what the device kept.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, DESKTOP, PASSWORD, PHONE, browserSession, expectAccessible, hydrated, press, screenshot, seedMutirao, signIn, signOut, signUp, uniqueEmail } from "./support";

const { personPage } = browserSession();

async function register(first: string, email: string): Promise<void> {
  const response = await fetch(`${BASE_URL}/api/auth/register/`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, first_name: first, last_name: "Campo" }),
  });
  expect(response.status).toBe(201);
}

async function api<T>(email: string, path: string): Promise<T> {
  const token = await fetch(`${BASE_URL}/api/auth/token/`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
  const { access } = (await token.json()) as { access: string };
  const response = await fetch(`${BASE_URL}${path}`, { headers: { Authorization: `Bearer ${access}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

type Row = { id: number; user: { name: string }; checked_in_at: string | null; checked_out_at: string | null };

/** The attendance operations the API kept for this mutirão (status of each), read from the database. */
function keptOperations(eventId: number): number[] {
  const manage = process.env.E2E_MANAGE;
  if (!manage) throw new Error("Set E2E_MANAGE");
  const code = `from mutiroes.field.models import AttendanceOperation as A; print(sorted(A.objects.filter(event_id=${eventId}).values_list("status_code", flat=True)))`;
  const out = execFileSync("sh", ["-c", `${manage} "$@"`, "sh", "shell", "-c", code], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop() ?? "[]") as number[];
}

const person = (page: Page, name: string) => page.locator('[data-testid^="field-person-"]').filter({ hasText: name });
const status = (page: Page) => page.getByTestId("field-status");

describe("field mode", () => {
  const organizer = { first: "Iara", last: "Campo", email: uniqueEmail("org-campo") };
  const names = ["Ana", "Bruno", "Cecília"];
  const emails = names.map((_, i) => uniqueEmail(`vol-campo-${i}`)); // e-mail addresses are ASCII
  let eventId = 0;

  it("a volunteer's check-in code opens without signal", async () => {
    const org = await personPage(DESKTOP);
    await signUp(org, organizer);
    for (const [i, name] of names.entries()) await register(name, emails[i]!);
    eventId = seedMutirao({ organizer: organizer.email, title: `Mutirão sem sinal ${Date.now().toString(36)}`, startedMinutesAgo: 30, minutes: 180, confirmed: emails, unlisted: true });

    const vol = await personPage(PHONE);
    await signIn(vol, emails[2]!, `/eventos/${eventId}`);
    await expect.poll(() => vol.getByTestId("kept-offline").count(), { timeout: 30_000 }).toBe(1);
    const code = ((await vol.getByTestId("my-checkin-code-text").textContent()) ?? "").trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await vol.context().setOffline(true);
    await vol.reload();
    expect(((await vol.getByTestId("my-checkin-code-text").textContent()) ?? "").trim()).toBe(code);
    expect(await vol.getByTestId("my-checkin-qr").count()).toBe(1);
    // A page never kept: the offline page, in pt-BR.
    await vol.goto("/impacto");
    expect(await vol.getByRole("heading", { name: "Você está sem conexão" }).count()).toBe(1);
    await screenshot(vol, "sem-conexao");
    await expectAccessible(vol, "offline page");
    await vol.context().setOffline(false);
  }, 240_000);

  it("the organizer checks two people in without signal; once back online the API has exactly those two, once each", async () => {
    expect(eventId).toBeGreaterThan(0);
    const page = await personPage(PHONE);
    await signIn(page, organizer.email, `/eventos/${eventId}/campo`);
    await expect.poll(() => page.getByTestId("field-ready").textContent(), { timeout: 30_000 }).toBe("Esta tela funciona sem internet neste aparelho.");
    await expect.poll(() => status(page).textContent()).toBe("Tudo enviado.");

    await page.context().setOffline(true);
    await page.reload(); // served by the service worker: the page, the list and the scripts are on the device
    await hydrated(page.getByRole("button", { name: "Fazer check-in de Ana Campo" }));
    await expect.poll(() => page.getByTestId("field-ready").textContent()).toBe("Aberta sem internet: a lista é a que este aparelho guardou.");
    await expect.poll(() => status(page).textContent()).toBe("Sem conexão. 0 registros guardados neste aparelho, para enviar quando o sinal voltar.");
    await press(page.getByRole("button", { name: "Fazer check-in de Ana Campo" }));
    await page.getByLabel("Buscar pelo nome ou código").fill("bru");
    await press(page.getByRole("button", { name: "Fazer check-in de Bruno Campo" }));
    await page.getByLabel("Buscar pelo nome ou código").fill("");
    await expect.poll(() => status(page).textContent()).toBe("Sem conexão. 2 registros guardados neste aparelho, para enviar quando o sinal voltar.");
    expect(await person(page, "Ana Campo").getByTestId("field-person-state").textContent()).toBe("Chegou (aguardando envio)");
    expect(await person(page, "Cecília Campo").getByTestId("field-person-state").textContent()).toBe("Ainda não chegou");
    await screenshot(page, "campo-sem-sinal");
    await expectAccessible(page, "field check-in screen offline");

    // Nothing reached the API while offline.
    const before = await api<{ results: Row[] }>(organizer.email, `/api/events/${eventId}/participants/?status=confirmed`);
    expect(before.results.filter((r) => r.checked_in_at)).toEqual([]);

    await page.context().setOffline(false);
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toBe("Tudo enviado.");
    expect(await page.getByTestId("field-conflicts").count()).toBe(0);

    const after = await api<{ results: Row[] }>(organizer.email, `/api/events/${eventId}/participants/?status=confirmed`);
    expect(after.results.filter((r) => r.checked_in_at).map((r) => r.user.name).sort()).toEqual(["Ana Campo", "Bruno Campo"]);
    expect(keptOperations(eventId)).toEqual([200, 200]); // one operation each, applied once
    const call = await api<{ checked_in: number }>(organizer.email, `/api/events/${eventId}/roll-call/`);
    expect(call.checked_in).toBe(2);

    // A reload online shows the list as the API has it now.
    await page.reload();
    await expect.poll(() => person(page, "Bruno Campo").getByTestId("field-person-state").textContent()).toBe("Chegou");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "campo-sincronizado");
  }, 240_000);

  it("a check-in the API refuses is shown to the organizer as a conflict", async () => {
    const page = await personPage(DESKTOP);
    await signIn(page, organizer.email, `/eventos/${eventId}/campo`);
    await expect.poll(() => page.getByTestId("field-ready").textContent(), { timeout: 30_000 }).toBe("Esta tela funciona sem internet neste aparelho.");
    await page.context().setOffline(true);
    await page.getByLabel("Código do participante").fill("ZZZZ9999");
    await press(page.getByRole("button", { name: "Registrar chegada" }));
    await expect.poll(() => page.getByTestId("field-note").textContent()).toBe("Código ZZZZ9999 guardado: não está na lista deste aparelho e será conferido ao enviar.");
    await page.context().setOffline(false);
    const conflicts = page.getByTestId("field-conflicts");
    await expect.poll(() => conflicts.textContent(), { timeout: 30_000 }).toContain("código ZZZZ9999");
    expect(await conflicts.textContent()).toContain("Nenhum participante com este código neste mutirão.");
    await expect.poll(() => status(page).textContent()).toBe("Tudo enviado.");
    await screenshot(page, "campo-conflito");
    await expectAccessible(page, "field check-in screen with a conflict");
    await press(conflicts.getByRole("button", { name: "Dispensar" }));
    await expect.poll(() => conflicts.count()).toBe(0);
  }, 240_000);

  it("the safety roll call: someone missing, found, then everyone is back", async () => {
    const page = await personPage(PHONE);
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, organizer.email, `/eventos/${eventId}/chamada`);
    expect(await page.getByTestId("roll-call-counts").textContent()).toBe("2 fizeram check-in · 0 já saíram · 2 ainda em campo");
    await press(page.getByRole("button", { name: "Desaparecido(a): Bruno Campo" }));
    await expect.poll(() => page.getByTestId("missing-since").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Todos voltaram" }).count()).toBe(0);
    await screenshot(page, "chamada-desaparecido");
    await expectAccessible(page, "roll call with someone missing");

    await press(page.getByRole("button", { name: "Encontrado(a): Bruno Campo" }));
    await expect.poll(() => page.getByTestId("roll-call-counts").textContent()).toBe("2 fizeram check-in · 1 já saíram · 1 ainda em campo");
    await press(page.getByRole("button", { name: "Todos voltaram" }));
    await expect.poll(() => page.getByTestId("roll-call-counts").textContent()).toBe("2 fizeram check-in · 2 já saíram · 0 ainda em campo");
    expect(await page.getByRole("status").filter({ hasText: "Chamada encerrada em" }).count()).toBe(1);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "chamada-encerrada");
    await expectAccessible(page, "roll call closed");
    const rows = await api<{ results: Row[] }>(organizer.email, `/api/events/${eventId}/participants/?status=confirmed`);
    expect(rows.results.filter((r) => r.checked_out_at).map((r) => r.user.name).sort()).toEqual(["Ana Campo", "Bruno Campo"]);
  }, 240_000);

  it("the app is installable, and signing out forgets what the device kept", async () => {
    const page = await personPage(DESKTOP);
    const manifest = await page.request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { name: string; lang: string; display: string; icons: Array<{ src: string; sizes: string }> };
    expect([body.name, body.lang, body.display]).toEqual(["Mutirões — ação ambiental comunitária", "pt-BR", "standalone"]);
    expect(body.icons.map((i) => i.sizes)).toEqual(["192x192", "512x512", "512x512"]);
    for (const icon of body.icons) {
      const file = await page.request.get(icon.src);
      expect([file.status(), file.headers()["content-type"]]).toEqual([200, "image/png"]);
    }

    await signIn(page, organizer.email, `/eventos/${eventId}/campo`);
    await expect.poll(() => page.getByTestId("field-ready").textContent(), { timeout: 30_000 }).toBe("Esta tela funciona sem internet neste aparelho.");
    const kept = () =>
      page.evaluate(async () => ({
        pages: await (await caches.open("mutiroes-pages")).keys().then((keys) => keys.map((k) => new URL(k.url).pathname)),
        queues: (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("mutiroes-campo-")),
      }));
    const before = await kept();
    expect(before.pages).toContain(`/eventos/${eventId}/campo`);
    expect(before.queues).toHaveLength(1);
    await signOut(page);
    await expect.poll(kept).toEqual({ pages: [], queues: [] });
    // Without a session, the kept page is gone too: offline, the field screen is the offline page.
    await page.context().setOffline(true);
    await page.goto(`/eventos/${eventId}/campo`).catch(() => undefined);
    expect(await page.getByRole("heading", { name: "Você está sem conexão" }).count()).toBe(1);
    await page.context().setOffline(false);
  }, 240_000);
});
