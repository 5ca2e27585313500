/**
 * Issue 19, the rest: registration consents, the organizer's tools on a participant (remove with a
 * reason, undo, no-show), a message to everyone, comment notifications, one status per card, no
 * dead profile link, the legal name for the certificate, the dashboard's zeros and monthly trend,
 * and a slow API answered with a pt-BR message and a retry.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, PHONE, browserSession, createAndPublishEvent, expectAccessible, hydrated, participationStatus, press, screenshot, seedMutirao, signUp, uniqueEmail } from "./support";

const session = browserSession();

/** One person's row in the organizer's participant list. */
const row = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByText(name, { exact: true }) });

async function personPage(viewport = DESKTOP): Promise<Page> {
  const page = await session.personPage(viewport);
  page.on("dialog", (d) => void d.accept()); // destructive actions ask first; the person says yes
  return page;
}

describe("an organizer's tools and a volunteer's consents", () => {
  const title = `Mutirão Termos ${Date.now().toString(36)}`;
  const organizer = { first: "Otávio", last: "Organiza", email: uniqueEmail("org-ferramentas") };
  const volunteer = { first: "Vânia", last: "Voluntária", email: uniqueEmail("vol-ferramentas") };
  let org: Page;
  let vol: Page;
  let eventId = 0;

  beforeAll(async () => {
    org = await personPage(DESKTOP);
    vol = await personPage(PHONE);
    await signUp(org, organizer);
    await signUp(vol, volunteer);
  });

  it("the organizer asks for the waiver and image use; refusing the waiver refuses the sign-up", async () => {
    eventId = await createAndPublishEvent(org, { title, startInMinutes: 3 * 24 * 60, durationMinutes: 180, capacity: 5 });
    await org.goto(`/eventos/${eventId}/editar`);
    await hydrated(org.getByRole("button", { name: "Salvar alterações" }));
    await org.getByLabel("Exigir o aceite do termo de responsabilidade").check();
    await org.getByLabel("Pedir autorização de uso de imagem (a pessoa pode recusar)").check();
    await press(org.getByRole("button", { name: "Salvar alterações" }));
    await org.waitForURL(new RegExp(`/eventos/${eventId}(\\?|$)`));
    await expect.poll(() => org.getByTestId("flash").textContent()).toMatch(/^Alterações salvas/);

    await vol.goto(`/eventos/${eventId}`);
    // The organizer's profile is private (the default): their name, not a link to a 404.
    await expect.poll(() => vol.getByTestId("organizer-name").textContent()).toBe("Otávio Organiza");
    expect(await vol.locator('a[href^="/usuarios/"]').count()).toBe(0);
    const terms = vol.getByTestId("consents");
    await expect.poll(() => terms.textContent()).toMatch(/Termo de responsabilidade \(obrigatório\)/);
    expect(await terms.textContent()).toMatch(/Uso de imagem \(opcional\)/);
    await press(await hydrated(vol.getByRole("button", { name: "Participar" })));
    await expect
      .poll(() => vol.getByRole("form", { name: "Inscrição" }).getByRole("alert").textContent())
      .toMatch(/^Aceite o termo de responsabilidade para se inscrever neste mutirão\./);
    expect(await participationStatus(vol).count()).toBe(0);
    await screenshot(vol, "inscricao-termos");
    await expectAccessible(vol, "sign-up with consents");

    await vol.getByLabel("Li e aceito o termo").check();
    await press(vol.getByRole("button", { name: "Participar" }));
    await expect.poll(() => participationStatus(vol).textContent()).toBe("Confirmado");
  });

  it("a minor signs up only with a named guardian's consent", async () => {
    const minor = await personPage(PHONE);
    await signUp(minor, { first: "Mateus", last: "Menor", email: uniqueEmail("menor-ferramentas") });
    await minor.goto("/perfil");
    await hydrated(minor.getByRole("button", { name: "Salvar perfil" }));
    await minor.getByLabel("Data de nascimento").fill(`${new Date().getFullYear() - 15}-05-01`);
    await press(minor.getByRole("button", { name: "Salvar perfil" }));
    await expect.poll(() => minor.getByText("Perfil atualizado.").count()).toBeGreaterThan(0);

    await minor.goto(`/eventos/${eventId}`);
    await expect.poll(() => minor.getByTestId("consents").textContent()).toMatch(/Autorização do responsável \(menor de 18 anos\) \(obrigatório\)/);
    await hydrated(minor.getByRole("button", { name: "Participar" }));
    await minor.getByLabel("Li e aceito o termo").check();
    await minor.getByLabel("Sou o responsável e autorizo").check();
    await press(minor.getByRole("button", { name: "Participar" }));
    await expect
      .poll(() => minor.getByRole("form", { name: "Inscrição" }).getByRole("alert").textContent())
      .toMatch(/^Menores de 18 anos precisam da autorização de um responsável, com o nome completo dele, para se inscrever\./);
    expect(await participationStatus(minor).count()).toBe(0);
    await minor.getByLabel("Nome completo do responsável").fill("Marta Menor");
    await press(minor.getByRole("button", { name: "Participar" }));
    await expect.poll(() => participationStatus(minor).textContent()).toBe("Confirmado");
  });

  it("the organizer sees what was accepted, and messages everyone signed up", async () => {
    await org.goto(`/eventos/${eventId}/gerenciar`);
    await expect.poll(() => row(org, "Mateus Menor").getByTestId("consents").textContent()).toMatch(/Autorização do responsávelMarta Menor, em/);
    const consents = row(org, "Vânia Voluntária").getByTestId("consents");
    await expect.poll(() => consents.textContent()).toMatch(/Termo de responsabilidadeAceito em/);
    expect(await consents.textContent()).toMatch(/Uso de imagemNão autorizado/);
    expect(await consents.textContent()).toMatch(/Versão dos termos\d{4}-\d{2}-\d{2}/);

    const message = org.getByRole("form", { name: "Mensagem para os participantes" });
    await hydrated(message.getByRole("button", { name: "Enviar mensagem" }));
    await message.getByLabel("Assunto").fill("Ponto de encontro");
    await message.getByLabel("Mensagem", { exact: true }).fill("Mudamos para o Posto 5, ao lado do quiosque.");
    await press(message.getByRole("button", { name: "Enviar mensagem" }));
    await expect.poll(() => message.getByRole("status").textContent()).toMatch(/^Mensagem enviada/);
    await screenshot(org, "gerenciar-termos-mensagem");
    await expectAccessible(org, "organizer panel with consents and the message form");

    await vol.goto("/notificacoes");
    await expect.poll(() => vol.getByText(`Mensagem da organização de ${title}: Ponto de encontro`).count()).toBe(1);
  });

  it("a comment tells the organizer, never its author", async () => {
    await vol.goto(`/eventos/${eventId}`);
    const form = vol.getByRole("form", { name: "Novo comentário" });
    await hydrated(form.getByRole("button", { name: "Comentar" }));
    await form.getByLabel("Escreva um comentário").fill("Vai ter água para os voluntários?");
    await press(form.getByRole("button", { name: "Comentar" }));
    await expect.poll(() => vol.getByText("Vai ter água para os voluntários?").count()).toBe(1);

    await org.goto("/notificacoes");
    await expect.poll(() => org.getByText(`Novo comentário em ${title}`).count()).toBe(1);
    await vol.goto("/notificacoes");
    expect(await vol.getByText(`Novo comentário em ${title}`).count()).toBe(0);
  });

  it("removing with a reason tells the person why; the organizer can undo it", async () => {
    await org.goto(`/eventos/${eventId}/gerenciar`);
    await press(row(org, "Vânia Voluntária").getByText("Remover…"));
    const remove = org.getByRole("form", { name: "Remover Vânia Voluntária" });
    await remove.getByLabel("Motivo (a pessoa vê)").fill("Vagas reservadas para a escola parceira.");
    await press(await hydrated(remove.getByRole("button", { name: "Remover" })));
    await expect.poll(() => row(org, "Vânia Voluntária").getByTestId("rejection-reason").textContent()).toBe("Motivo informado: Vagas reservadas para a escola parceira.");

    await vol.goto(`/eventos/${eventId}`);
    await expect.poll(() => participationStatus(vol).textContent()).toBe("Não aprovado");
    await expect.poll(() => vol.getByTestId("rejection-reason").textContent()).toBe("Motivo informado pela organização: Vagas reservadas para a escola parceira.");
    await expectAccessible(vol, "a removed volunteer's event page");

    await org.goto(`/eventos/${eventId}/gerenciar`);
    await press(await hydrated(org.getByRole("button", { name: "Desfazer recusa" })));
    // The row moves back to the confirmed ones: no reason, no undo button.
    await expect.poll(() => row(org, "Vânia Voluntária").getByTestId("rejection-reason").count()).toBe(0);
    expect(await row(org, "Vânia Voluntária").getByText("Confirmado", { exact: true }).count()).toBe(1);
    expect(await org.getByRole("button", { name: "Desfazer recusa" }).count()).toBe(0);
    await vol.goto(`/eventos/${eventId}`);
    await expect.poll(() => participationStatus(vol).textContent()).toBe("Confirmado");
  });

  it("a no-show is marked once the mutirão has started, and undone", async () => {
    const running = seedMutirao({ organizer: organizer.email, title: `Em andamento ${title}`, startedMinutesAgo: 30, minutes: 180, confirmed: [volunteer.email], unlisted: true });
    await org.goto(`/eventos/${running}/gerenciar`);
    await press(await hydrated(org.getByRole("button", { name: "Marcar ausência" })));
    await expect.poll(() => org.getByText("Ausente", { exact: true }).count()).toBe(1);
    await press(await hydrated(org.getByRole("button", { name: "Desfazer ausência" })));
    await expect.poll(() => org.getByText("Ausente", { exact: true }).count()).toBe(0);
    expect(await org.getByRole("button", { name: "Marcar ausência" }).count()).toBe(1);
  });

  it("the profile shows one true status for a cancelled mutirão", async () => {
    await org.goto(`/eventos/${eventId}/gerenciar`);
    await press(org.getByText("Cancelar o mutirão"));
    await org.getByLabel("Motivo (enviado aos inscritos)").fill("Chuva forte prevista.");
    await press(org.getByRole("button", { name: "Cancelar mutirão" }));
    await expect.poll(() => org.getByTestId("flash").textContent()).toMatch(/^Mutirão cancelado/);

    await vol.goto("/perfil");
    const card = vol.getByRole("listitem").filter({ has: vol.getByRole("link", { name: title, exact: true }) });
    await expect.poll(() => card.getByTestId("event-phase").textContent()).toBe("Cancelado");
    expect(await card.getByText("Confirmado").count()).toBe(0);
    expect(await card.getByText(/vagas? de \d/).count()).toBe(0);
  });

  it("the certificate asks for the full legal name and says why", async () => {
    await vol.goto("/perfil");
    await expect.poll(() => vol.getByText("Como no seu documento: sai no certificado de horas.").count()).toBe(1);
    const lastName = vol.getByLabel("Sobrenome");
    await hydrated(vol.getByRole("button", { name: "Salvar perfil" }));
    await lastName.fill("");
    await press(vol.getByRole("button", { name: "Salvar perfil" }));
    await expect.poll(() => vol.getByText("Perfil atualizado.").count()).toBeGreaterThan(0);
    await press(vol.getByText("Baixar certificado de horas (PDF)"));
    await vol.waitForURL(/\/perfil\?certificado=sem-nome/);
    await expect.poll(() => vol.getByText("Falta seu nome completo").count()).toBe(1);
    await screenshot(vol, "perfil-certificado-sem-nome");
    await expectAccessible(vol, "profile asking for the legal name");
  });
});

describe("the impact dashboard", () => {
  it("keeps zero rows and shows a twelve-month trend", async () => {
    const page = await personPage(DESKTOP);
    await page.goto("/impacto");
    const trend = page.getByTestId("monthly-trend");
    const label = await trend.locator("svg").first().getAttribute("aria-label");
    expect(label?.split(";").length).toBe(12);
    const byCategory = page.getByRole("img", { name: /^Resíduos recolhidos por categoria/ });
    const categories = ((await byCategory.getAttribute("aria-label")) ?? "").split(";");
    expect(categories.length).toBe(10);
    await screenshot(page, "impacto-tendencia");
    await expectAccessible(page, "impact dashboard");
  });
});

/** A process and all its descendants, by parent id. */
function withDescendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    children = []; // pgrep exits 1 when there are none
  }
  return [pid, ...children.flatMap(withDescendants)];
}

/** The processes of the cluster's API replicas (each gunicorn master and its workers). */
function apiProcesses(): number[] {
  const manage = process.env.E2E_MANAGE ?? "";
  const cluster = manage.replace(/\s+manage$/, "");
  if (!cluster) throw new Error("Set E2E_MANAGE (deploy/e2e-cluster.sh does)");
  const status = execFileSync("sh", ["-c", `${cluster} status`], { encoding: "utf8" });
  const replicas = [...status.matchAll(/^backend-\d+\s+RUNNING\s+pid (\d+)/gm)].map((m) => Number(m[1]));
  return replicas.flatMap(withDescendants);
}

describe("a slow API", () => {
  let frozen: number[] = [];

  afterAll(() => {
    for (const pid of frozen) process.kill(pid, "SIGCONT");
  });

  it("answers with a pt-BR message and a retry that works, not an endless wait", async () => {
    const page = await personPage(PHONE);
    frozen = apiProcesses();
    expect(frozen.length).toBeGreaterThanOrEqual(2);
    // The API accepts connections and never answers: only the web app's timeout ends the wait.
    for (const pid of frozen) process.kill(pid, "SIGSTOP");
    await page.goto("/impacto", { timeout: 60_000 });
    const failed = page.getByTestId("load-failed");
    await expect.poll(() => failed.textContent()).toMatch(/O servidor demorou demais para responder\. Tente novamente em instantes\./);
    await screenshot(page, "api-lenta");
    await expectAccessible(page, "a page whose API is too slow");

    for (const pid of frozen) process.kill(pid, "SIGCONT");
    frozen = [];
    await press(await hydrated(failed.getByRole("button", { name: "Tentar novamente" })));
    await expect.poll(() => page.getByTestId("platform-stats").count(), { timeout: 40_000 }).toBe(1);
    expect(await page.getByTestId("load-failed").count()).toBe(0);
  });
});
