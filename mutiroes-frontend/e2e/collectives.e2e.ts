/**
 * Collectives and recurring mutirões (issue 17): a collective is created, a co-organizer invited
 * by e-mail accepts and checks someone in at the collective's mutirão; a monthly series is created
 * and a volunteer joins all of it. axe-clean pages, phone and desktop screenshots.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  BASE_URL,
  DESKTOP,
  PHONE,
  browserSession,
  createAndPublishEvent,
  expectAccessible,
  hydrated,
  press,
  screenshot,
  seedMutirao,
  signUp,
  uniqueEmail,
} from "./support";

const session = browserSession();

async function personPage(viewport = DESKTOP): Promise<Page> {
  const page = await session.personPage(viewport);
  page.on("dialog", (d) => void d.accept()); // destructive actions ask first; the person says yes
  return page;
}

/** The invitation link its e-mail carries (the tests read no mailbox): test-only backend command. */
function invitationPath(email: string): string {
  const manage = process.env.E2E_MANAGE;
  if (!manage) throw new Error("Set E2E_MANAGE (the backend's manage.py command)");
  const out = execFileSync("sh", ["-c", `${manage} "$@"`, "sh", "e2e_invitation_link", "--email", email], { encoding: "utf8" });
  const path = out.trim().split("\n").pop() ?? "";
  expect(path).toMatch(/^\/coletivos\/convite\?token=/);
  return path;
}

describe("a collective", () => {
  it("is created, invites a co-organizer who accepts and then checks someone in", async () => {
    const owner = { first: "Olívia", last: "Dona", email: uniqueEmail("dona-coletivo") };
    const coOrganizer = { first: "Caio", last: "Coorganiza", email: uniqueEmail("coorganizador") };
    const volunteer = { first: "Vânia", last: "Voluntaria", email: uniqueEmail("voluntaria-coletivo") };
    const name = `Coletivo Maré Limpa ${Date.now().toString(36)}`;

    const ownerPage = await personPage(DESKTOP);
    await signUp(ownerPage, owner);
    await ownerPage.goto("/coletivos/novo");
    await hydrated(ownerPage.getByRole("button", { name: "Criar coletivo" }));
    await expectAccessible(ownerPage, "new collective form");
    await ownerPage.getByLabel("Nome do coletivo").fill(name);
    await ownerPage.getByLabel("Sobre o coletivo").fill("Limpamos a praia no segundo sábado de cada mês.");
    await ownerPage.getByLabel("Cidade").fill("Rio de Janeiro");
    await ownerPage.getByLabel("Estado").selectOption("RJ");
    await ownerPage.getByLabel("Instagram").fill("@marelimpa");
    await ownerPage.getByLabel("Link do grupo de WhatsApp").fill("https://chat.whatsapp.com/AbCdEfGhIjKlMnOp");
    await press(ownerPage.getByRole("button", { name: "Criar coletivo" }));
    await ownerPage.waitForURL((url) => /^\/coletivos\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/coletivos/novo");
    const slug = new URL(ownerPage.url()).pathname.split("/")[2];
    await expect.poll(() => ownerPage.getByRole("heading", { level: 1 }).textContent()).toBe(name);

    await ownerPage.getByLabel("E-mail", { exact: true }).fill(coOrganizer.email);
    await ownerPage.getByLabel("Papel", { exact: true }).selectOption("organizer");
    await press(ownerPage.getByRole("button", { name: "Enviar convite" }));
    await expect.poll(() => ownerPage.getByRole("status").filter({ hasText: "Convite enviado" }).count()).toBe(1);
    await expect.poll(() => ownerPage.getByRole("list", { name: "Convites pendentes" }).getByText(coOrganizer.email).count()).toBe(1);
    await screenshot(ownerPage, "coletivo-dona");
    await expectAccessible(ownerPage, "collective page (owner)");

    // The owner edits the collective: the page shows the change, and a crawler (no cookie) gets
    // the collective's preview card.
    await press(ownerPage.getByRole("link", { name: "Editar coletivo" }));
    await ownerPage.waitForURL((url) => url.pathname === `/coletivos/${slug}/editar`);
    await hydrated(ownerPage.getByRole("button", { name: "Salvar alterações" }));
    await screenshot(ownerPage, "coletivo-editar");
    await expectAccessible(ownerPage, "edit collective form");
    const about = "Limpamos a praia e o mangue no segundo sábado de cada mês.";
    await ownerPage.getByLabel("Sobre o coletivo").fill(about);
    await press(ownerPage.getByRole("button", { name: "Salvar alterações" }));
    await ownerPage.waitForURL((url) => url.pathname === `/coletivos/${slug}`);
    await expect.poll(() => ownerPage.getByText(about).count()).toBe(1);
    const crawled = await fetch(`${BASE_URL}/coletivos/${slug}`, { headers: { "User-Agent": "WhatsApp/2.24 A", Accept: "text/html" } });
    expect(crawled.status).toBe(200);
    const card = /<meta property="og:image" content="([^"]+)"/.exec(await crawled.text())?.[1] ?? "";
    expect(card.startsWith(`${BASE_URL}/api/collectives/${slug}/og.png?v=`)).toBe(true);
    const picture = await fetch(card.replaceAll("&amp;", "&"));
    expect([picture.status, picture.headers.get("content-type")]).toEqual([200, "image/png"]);

    // The invitee opens the e-mail's link on the phone, signs up with that address and accepts.
    const coPage = await personPage(PHONE);
    await signUp(coPage, coOrganizer);
    await coPage.goto(invitationPath(coOrganizer.email));
    await hydrated(coPage.getByRole("button", { name: "Aceitar convite" }));
    await screenshot(coPage, "coletivo-convite");
    await expectAccessible(coPage, "invitation page");
    await press(coPage.getByRole("button", { name: "Aceitar convite" }));
    await coPage.waitForURL((url) => url.pathname === `/coletivos/${slug}`);
    await expect.poll(() => coPage.getByText("Organizador(a)").count()).toBeGreaterThan(0);
    await screenshot(coPage, "coletivo-membro");
    await expectAccessible(coPage, "collective page (organizer)");

    // A mutirão of the collective, already running, with a volunteer confirmed.
    const volPage = await personPage(PHONE);
    await signUp(volPage, volunteer);
    const eventId = seedMutirao({
      organizer: owner.email,
      title: `${name}: limpeza`,
      startedMinutesAgo: 10,
      minutes: 120,
      confirmed: [volunteer.email],
      collective: slug,
    });
    await coPage.goto(`/eventos/${eventId}/gerenciar`);
    const row = coPage.locator('[data-testid^="participant-"]').filter({ hasText: "Vânia Voluntaria" });
    await expect.poll(() => row.count()).toBe(1);
    await press(row.getByRole("button", { name: "Fazer check-in" }));
    await expect.poll(() => row.getByTestId("attendance").textContent()).toMatch(/^Chegou às \d\d:\d\d$/);

    // The public page shows the mutirão, and someone outside follows the collective.
    await volPage.goto(`/coletivos/${slug}`);
    await expect.poll(() => volPage.getByRole("link", { name: `${name}: limpeza` }).count()).toBe(1);
    await press(volPage.getByRole("button", { name: "Seguir coletivo" }));
    await expect.poll(() => volPage.getByRole("button", { name: "Deixar de seguir" }).count()).toBe(1);
    await screenshot(volPage, "coletivo-publico");
    await expectAccessible(volPage, "collective page (follower)");
  });
});

describe("a recurring mutirão", () => {
  it("is created monthly by its organizer and a volunteer joins all of it", async () => {
    const organizer = { first: "Rita", last: "Recorrente", email: uniqueEmail("recorrente") };
    const volunteer = { first: "Téo", last: "Todos", email: uniqueEmail("todos") };
    const orgPage = await personPage(DESKTOP);
    await signUp(orgPage, organizer);
    const title = `Mutirão mensal ${Date.now().toString(36)}`;
    const eventId = await createAndPublishEvent(orgPage, { title, startInMinutes: 3 * 24 * 60, durationMinutes: 180, capacity: 20 });

    await orgPage.goto(`/eventos/${eventId}/gerenciar`);
    const form = orgPage.getByRole("form", { name: "Repetir este mutirão" });
    await hydrated(form.getByRole("button", { name: "Criar série" }));
    await form.getByLabel("Repetir", { exact: true }).selectOption("monthly");
    await form.getByLabel("Número de vezes", { exact: true }).fill("3");
    await press(form.getByRole("button", { name: "Criar série" }));
    await orgPage.waitForURL((url) => /^\/series\/\d+$/.test(url.pathname));
    const seriesPath = new URL(orgPage.url()).pathname;
    await expect.poll(() => orgPage.getByText(/^Todo mês, no (1º|2º|3º|4º|último) /).count()).toBe(1);
    await expect.poll(() => orgPage.locator("main ul li").count()).toBeGreaterThanOrEqual(2);
    await screenshot(orgPage, "serie-organizadora");
    await expectAccessible(orgPage, "series page (organizer)");

    const volPage = await personPage(PHONE);
    await signUp(volPage, volunteer);
    await volPage.goto(seriesPath);
    await press(volPage.getByRole("button", { name: "Participar de todos" }));
    // The page comes back without the button, saying so (and after a reload too).
    await expect.poll(() => volPage.getByText("Você participa de todos os mutirões desta série.").count()).toBe(1);
    expect(await volPage.getByRole("button", { name: "Participar de todos" }).count()).toBe(0);
    await volPage.reload();
    await expect.poll(() => volPage.getByText("Você participa de todos os mutirões desta série.").count()).toBe(1);
    await screenshot(volPage, "serie-participar-de-todos");
    await expectAccessible(volPage, "series page (volunteer)");

    // Every occurrence already created has the volunteer confirmed.
    await volPage.goto(`/eventos/${eventId}`);
    await expect.poll(() => volPage.getByTestId("participation-status").textContent()).toBe("Confirmado");
  });
});
