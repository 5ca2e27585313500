import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  browserSession,
  createAndPublishEvent,
  expectAccessible,
  hydrated,
  participationStatus,
  press,
  screenshot,
  seedMutirao,
  signIn,
  signOut,
  signUp,
  uniqueEmail,
} from "./support";

const { personPage } = browserSession();

/** Press a join-panel button once and wait for the participation status the API answers with. */
async function pressAndExpectStatus(page: Page, button: string | RegExp, status: string): Promise<void> {
  await press(page.getByTestId("join-panel").getByRole("button", { name: button }));
  await expect.poll(() => participationStatus(page).textContent(), { timeout: 20_000 }).toBe(status);
}

async function join(page: Page, eventId: number, button: string | RegExp): Promise<void> {
  await page.goto(`/eventos/${eventId}`);
  await pressAndExpectStatus(page, button, "Confirmado");
}

/** The organizer panel's row for one participant. */
function participantRow(page: Page, name: string) {
  return page.locator('[data-testid^="participant-"]').filter({ hasText: name });
}

function attendance(page: Page, name: string) {
  return participantRow(page, name).getByTestId("attendance");
}

describe("a volunteer", () => {
  it("signs up, signs in, finds a mutirão near a location, joins and is confirmed", async () => {
    // Copacabana, as the browser's geolocation.
    const page = await personPage(PHONE, { geolocation: { latitude: -22.9711, longitude: -43.1822 }, permissions: ["geolocation"] });
    const email = uniqueEmail("voluntaria");
    await signUp(page, { first: "Marina", last: "Teste", email });
    await signOut(page);
    await signIn(page, email, "/eventos");

    await press(page.getByRole("button", { name: "Perto de mim" }));
    await expect.poll(() => page.url()).toMatch(/perto=-22\.97/);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "do mais perto ao mais longe" }).count()).toBeGreaterThan(0);
    await screenshot(page, "eventos-perto-de-mim");

    const first = page.locator("main ul li article h2 a").first();
    const title = (await first.textContent())?.trim() ?? "";
    expect(title.length).toBeGreaterThan(0);
    await press(first);
    await page.waitForURL(/\/eventos\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);

    await pressAndExpectStatus(page, /^Participar/, "Confirmado");
    await screenshot(page, "evento-confirmado");
    await expectAccessible(page, "event page (confirmed)");

    // It shows up in the volunteer's profile too.
    await page.goto("/perfil");
    await expect.poll(() => page.getByText(title).count()).toBeGreaterThan(0);
  });
});

describe("an organizer and a volunteer", () => {
  const organizer = { first: "Olga", last: "Organiza", email: uniqueEmail("organizadora") };
  const volunteer = { first: "Vitor", last: "Voluntario", email: uniqueEmail("voluntario") };
  const volunteerName = "Vitor Voluntario";
  let orgPage: Page;
  let volPage: Page;
  // A morning mutirão starting in about two minutes (check-in opens an hour before the start).
  // The ones already running or over are seeded (seedMutirao): no test waits on the clock.
  let morningId = 0;
  const title = `Mutirão E2E ${Date.now().toString(36)}`;

  beforeAll(async () => {
    orgPage = await personPage(DESKTOP);
    volPage = await personPage(PHONE);
    await signUp(orgPage, organizer);
    await signUp(volPage, volunteer);
  });

  it("organizer creates and publishes; volunteer joins; organizer checks the volunteer in and out with the hours", async () => {
    morningId = await createAndPublishEvent(orgPage, { title, startInMinutes: 2, durationMinutes: 180, capacity: 10 });
    await expect.poll(() => orgPage.getByRole("heading", { level: 1 }).textContent()).toBe(title);

    await volPage.goto(`/eventos/${morningId}`);
    await press(volPage.getByText("Contato de emergência e observações (opcional)"));
    await volPage.getByLabel("Contato de emergência").fill("Ana (21) 99999-0000");
    await pressAndExpectStatus(volPage, "Participar", "Confirmado");

    await orgPage.goto(`/eventos/${morningId}/gerenciar`);
    const row = participantRow(orgPage, volunteerName);
    await expect.poll(() => row.count()).toBe(1);
    // Private fields are visible to the organizer.
    await expect.poll(() => row.getByText("Ana (21) 99999-0000").count()).toBe(1);
    await screenshot(orgPage, "gerenciar");
    await expectAccessible(orgPage, "organizer panel");

    await press(row.getByRole("button", { name: "Fazer check-in" }));
    await expect.poll(() => attendance(orgPage, volunteerName).textContent()).toMatch(/^Chegou às \d\d:\d\d$/);
    await hydrated(row.getByRole("button", { name: "Fazer check-out" }));
    await row.getByLabel("Horas (opcional)").fill("2");
    await press(row.getByRole("button", { name: "Fazer check-out" }));
    await expect.poll(() => attendance(orgPage, volunteerName).textContent()).toMatch(/^Chegou às \d\d:\d\d · saiu às \d\d:\d\d · 2 horas$/);
    await expect.poll(() => row.getByRole("status").textContent()).toBe("Check-out registrado.");
  });

  it("organizer files the impact report once the mutirão has started, and its page shows it", async () => {
    const runningId = seedMutirao({ organizer: organizer.email, title: `${title} (em andamento)`, startedMinutesAgo: 30, minutes: 180 });
    await orgPage.goto(`/eventos/${runningId}/gerenciar`);
    // Bad numbers are refused on their own field, nothing is saved.
    const form = orgPage.getByRole("form", { name: "Relatório de impacto" });
    await hydrated(form.getByRole("button", { name: /relatório/ }));
    await form.getByLabel("Plástico").fill("-5");
    await form.getByLabel("Vidro").fill("abc");
    await form.getByLabel("Árvores plantadas").fill("2,5");
    await press(form.getByRole("button", { name: /relatório/ }));
    await expect.poll(() => form.locator("#kg_plastic-error").textContent()).toBe("Informe um valor maior ou igual a 0.");
    await expect.poll(() => form.locator("#kg_glass-error").textContent()).toBe("Use só algarismos, como 1.500,5.");
    await expect.poll(() => form.locator("#trees_planted-error").textContent()).toBe("Informe um número inteiro.");
    expect(await form.getByRole("status").count()).toBe(0);
    await screenshot(orgPage, "relatorio-recusado");
    await expectAccessible(orgPage, "report form with refused numbers");
    // pt-BR numbers are read as such: 1.500 m² is fifteen hundred.
    await form.getByLabel("Árvores plantadas").fill("");
    await form.getByLabel("Área (m²)").fill("1.500");
    await fillReport(orgPage, { plastic: "12,5", glass: "3", bags: "6", summary: "Praia limpa em duas horas." });
    await expect.poll(() => form.getByRole("status").textContent()).toMatch(/Relatório de impacto salvo/);

    await orgPage.goto(`/eventos/${runningId}`);
    await expect.poll(() => orgPage.getByTestId("event-phase").textContent()).toBe("Acontecendo agora");
    const impact = orgPage.getByRole("heading", { name: "Impacto deste mutirão" });
    await expect.poll(() => impact.count()).toBe(1);
    await expect.poll(() => impact.locator("..").textContent()).toMatch(/15,5/);
    await expect.poll(() => impact.locator("..").textContent()).toMatch(/Área \(m²\)\s*1\.500/);
    await orgPage.goto(`/eventos/${runningId}/gerenciar`);
    await expect.poll(() => orgPage.getByLabel("Área (m²)").inputValue()).toBe("1.500");
    await screenshot(orgPage, "evento-com-relatorio");
  });

  it("a report filed after the end completes the mutirão: the dashboard and the volunteer's numbers change", async () => {
    const before = await platformNumbers(orgPage);
    const volBefore = await volunteerNumbers(volPage);
    // Ended five minutes ago (check-in and check-out stay open for an hour after the end).
    const overId = seedMutirao({ organizer: organizer.email, title: `${title} (encerrado)`, startedMinutesAgo: 65, minutes: 60, confirmed: [volunteer.email] });

    await orgPage.goto(`/eventos/${overId}/gerenciar`);
    await press(participantRow(orgPage, volunteerName).getByRole("button", { name: "Fazer check-in" }));
    await expect.poll(() => attendance(orgPage, volunteerName).textContent()).toMatch(/^Chegou às/);
    await press(participantRow(orgPage, volunteerName).getByRole("button", { name: "Fazer check-out" }));
    await expect.poll(() => attendance(orgPage, volunteerName).textContent()).toMatch(/saiu às \d\d:\d\d · [\d,]+ horas?$/);
    await fillReport(orgPage, { plastic: "20", glass: "0", bags: "4", summary: "Mutirão curto dos testes." });
    await expect
      .poll(() => orgPage.getByRole("form", { name: "Relatório de impacto" }).getByRole("status").textContent())
      .toMatch(/Relatório de impacto salvo/);

    await orgPage.goto(`/eventos/${overId}`);
    await expect.poll(() => orgPage.getByText("Concluído").count()).toBeGreaterThan(0);

    // Platform-wide numbers: other mutirões may end meanwhile (beat completes them), so at least this one.
    const after = await platformNumbers(orgPage);
    expect(after.completed).toBeGreaterThanOrEqual(before.completed + 1);
    expect(after.kg).toBeGreaterThanOrEqual(before.kg + 20 - 0.05);
    await screenshot(orgPage, "impacto-depois");

    const volAfter = await volunteerNumbers(volPage);
    expect(volAfter.events).toBe(volBefore.events + 1);
    expect(volAfter.kg).toBeCloseTo(volBefore.kg + 20, 1);
  });
});

async function fillReport(page: Page, r: { plastic: string; glass: string; bags: string; summary: string }): Promise<void> {
  const form = page.getByRole("form", { name: "Relatório de impacto" });
  await hydrated(form.getByRole("button", { name: /relatório/ }));
  await form.getByLabel("Plástico").fill(r.plastic);
  await form.getByLabel("Vidro").fill(r.glass);
  await form.getByLabel("Sacos").fill(r.bags);
  await form.getByRole("textbox", { name: "Resumo" }).fill(r.summary);
  await press(form.getByRole("button", { name: /relatório/ }));
}

function parseNumber(text: string | null): number {
  return Number((text ?? "").replace(/[^\d,-]/g, "").replace(",", ".")) || 0;
}

/** Numbers of a stats list (`<dl data-testid>` of label → value) on a page. */
async function statNumbers(page: Page, path: string, testId: string): Promise<{ events: number; kg: number }> {
  await page.goto(path);
  const stats = page.getByTestId(testId);
  await stats.waitFor();
  const read = async (label: string) => parseNumber(await stats.locator("div", { has: page.getByText(label, { exact: true }) }).locator("dd").textContent());
  return { events: await read("Mutirões"), kg: await read("Resíduos (kg)") };
}

/** The dashboard's completed mutirões and kilos. */
async function platformNumbers(page: Page): Promise<{ completed: number; kg: number }> {
  const { events, kg } = await statNumbers(page, "/impacto", "platform-stats");
  return { completed: events, kg };
}

/** The volunteer's mutirões attended and kilos of those mutirões. */
function volunteerNumbers(page: Page): Promise<{ events: number; kg: number }> {
  return statNumbers(page, "/perfil", "my-stats");
}

describe("a full mutirão", () => {
  it("puts the next volunteer on the waitlist and promotes them when someone leaves", async () => {
    const org = await personPage(DESKTOP);
    const first = await personPage(PHONE);
    const second = await personPage(PHONE);
    await signUp(org, { first: "Oto", last: "Org", email: uniqueEmail("org-lotado") });
    await signUp(first, { first: "Primeira", last: "Pessoa", email: uniqueEmail("primeira") });
    await signUp(second, { first: "Segunda", last: "Pessoa", email: uniqueEmail("segunda") });
    const eventId = await createAndPublishEvent(org, { title: `Mutirão lotado ${Date.now().toString(36)}`, startInMinutes: 24 * 60, durationMinutes: 120, capacity: 1 });

    await join(first, eventId, /^Participar$/);

    await second.goto(`/eventos/${eventId}`);
    await expect.poll(() => second.getByText("Lotado").count()).toBeGreaterThan(0);
    await pressAndExpectStatus(second, "Entrar na lista de espera", "Na lista de espera");
    await expect.poll(() => second.getByTestId("waitlist-position").textContent()).toBe("Você é o próximo da fila.");
    await screenshot(second, "evento-lista-de-espera");

    first.on("dialog", (d) => void d.accept());
    await press(first.getByTestId("join-panel").getByRole("button", { name: "Cancelar inscrição" }));
    await expect.poll(() => participationStatus(first).count()).toBe(0);

    await second.reload();
    await expect.poll(() => participationStatus(second).textContent()).toBe("Confirmado");
    await second.goto("/notificacoes");
    await expect.poll(() => second.locator("main li").filter({ hasText: "lotado" }).count()).toBeGreaterThan(0);
  });
});

describe("an outsider", () => {
  it("cannot open the organizer panel", async () => {
    const org = await personPage(DESKTOP);
    await signUp(org, { first: "Dona", last: "Do Evento", email: uniqueEmail("dona") });
    const eventId = await createAndPublishEvent(org, { title: `Mutirão privado ${Date.now().toString(36)}`, startInMinutes: 48 * 60, durationMinutes: 120, capacity: 5 });

    const visitor = await personPage(DESKTOP);
    await visitor.goto(`/eventos/${eventId}/gerenciar`);
    await visitor.waitForURL(/\/entrar\?next=/);

    await signUp(visitor, { first: "Curioso", last: "Alheio", email: uniqueEmail("curioso") });
    await visitor.goto(`/eventos/${eventId}/gerenciar`);
    await expect.poll(() => visitor.getByText("Acesso restrito").count()).toBe(1);
    expect(await visitor.locator('[data-testid^="participant-"]').count()).toBe(0);
    const csv = await visitor.request.get(`/eventos/${eventId}/gerenciar/participantes.csv`);
    expect(csv.status()).toBe(403);
    await visitor.goto(`/eventos/${eventId}`);
    expect(await visitor.getByRole("link", { name: "Gerenciar mutirão" }).count()).toBe(0);
  });
});
