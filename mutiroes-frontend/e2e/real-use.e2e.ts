/**
 * The web app as volunteers and organizers use it (issue 19): forms that keep what was typed,
 * a confirmation after each action, search that ignores accents, any municipality in "Perto de",
 * a cancelled mutirão that says so, and check-in first on the organizer's phone.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  browserSession,
  expectAccessible,
  hydrated,
  participationStatus,
  press,
  screenshot,
  seedMutirao,
  signIn,
  signUp,
  spLocal,
  uniqueEmail,
} from "./support";

const session = browserSession();

async function personPage(viewport = DESKTOP): Promise<Page> {
  const page = await session.personPage(viewport);
  // Destructive actions ask first; the person says yes.
  page.on("dialog", (d) => void d.accept());
  return page;
}

const flash = (page: Page) => page.getByTestId("flash");

/** A real 1×1 PNG (the API checks an image's content). */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** The error summary has focus (the person is taken to it after a refused submit). */
async function expectSummaryFocused(page: Page, text: RegExp): Promise<void> {
  await expect.poll(() => page.evaluate(() => (document.activeElement?.getAttribute("role") ?? "") + " " + (document.activeElement?.textContent ?? ""))).toMatch(text);
}

/** The fields every mutirão needs, in Salvador. */
async function fillEventBasics(page: Page, title: string): Promise<void> {
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Categoria").selectOption({ label: "Limpeza de Praias" });
  await page.getByLabel("Descrição").fill("Limpeza da areia e das pedras. Traga água.");
  await page.getByLabel("Início").fill(spLocal(3 * 24 * 60));
  await page.getByLabel("Fim", { exact: true }).fill(spLocal(3 * 24 * 60 + 180));
  await page.getByLabel("Ponto de encontro", { exact: true }).fill("Farol de Itapuã");
}

/** Pick a municipality in a place combobox by typing part of its name. */
async function choosePlace(page: Page, label: string, typed: string, option: string): Promise<void> {
  const box = await hydrated(page.getByRole("combobox", { name: label }));
  await box.fill(typed);
  await press(page.getByRole("option", { name: option }));
  await expect.poll(() => box.inputValue()).toBe(option);
}

describe("an organizer and a volunteer, from the first form to the cancellation", () => {
  const title = `Mutirão Itapuã ${Date.now().toString(36)}`;
  const organizer = { first: "Olívia", last: "Organiza", email: uniqueEmail("org-uso-real") };
  const volunteerEmail = uniqueEmail("vol-uso-real");
  let org: Page;
  let vol: Page;
  let eventId = 0;

  beforeAll(async () => {
    org = await personPage(DESKTOP);
    vol = await personPage(PHONE);
  });

  it("a refused form keeps every field, a point in the Atlantic is refused, and publishing is confirmed once", async () => {
    await signUp(org, organizer);
    await expect.poll(() => flash(org).textContent()).toMatch(/^Boas-vindas ao Mutirões!/);
    expect(new URL(org.url()).search).not.toMatch(/bem-vindo/);

    await org.goto("/eventos/novo");
    await hydrated(org.getByRole("button", { name: "Publicar" }));
    await fillEventBasics(org, title);
    await org.getByLabel("Vagas").fill("1.500");
    await org.getByLabel("Visibilidade").selectOption("unlisted");
    await org.getByLabel("Aprovar cada inscrição antes de confirmar").check();
    await org.getByLabel("Foto de capa (opcional)").setInputFiles({ name: "capa.png", mimeType: "image/png", buffer: Buffer.from(TINY_PNG, "base64") });
    // The town search centres the map and fills Cidade and Estado.
    await choosePlace(org, "Centralizar o mapa em", "salvad", "Salvador (BA)");
    await expect.poll(() => org.getByLabel("Cidade", { exact: true }).inputValue()).toBe("Salvador");
    await expect.poll(() => org.getByLabel("Estado", { exact: true }).inputValue()).toBe("BA");
    // One click in the ocean: far off the coast.
    await org.getByLabel("Latitude").fill("-13.9");
    await org.getByLabel("Longitude").fill("-36.5");
    await press(org.getByRole("button", { name: "Publicar" }));

    await expectSummaryFocused(org, /^alert Não foi possível salvar/);
    await expect.poll(() => org.locator("#latitude-error").textContent()).toBe("O local precisa estar no Brasil: em terra ou a até 12 milhas náuticas da costa.");
    await screenshot(org, "evento-novo-recusado");
    await expectAccessible(org, "new event form after a refusal");
    // Every value survives, the chosen category and "Só com o link" included.
    expect(await org.getByLabel("Título", { exact: true }).inputValue()).toBe(title);
    expect(await org.getByLabel("Categoria").evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("Limpeza de Praias");
    expect(await org.getByLabel("Visibilidade").inputValue()).toBe("unlisted");
    expect(await org.getByLabel("Aprovar cada inscrição antes de confirmar").isChecked()).toBe(true);
    expect(await org.getByLabel("Vagas").inputValue()).toBe("1.500");
    expect(await org.getByLabel("Cidade", { exact: true }).inputValue()).toBe("Salvador");
    expect(await org.getByLabel("Foto de capa (opcional)").evaluate((el) => (el as HTMLInputElement).files?.[0]?.name)).toBe("capa.png");

    // On the beach, public after all, no approval.
    await org.getByLabel("Latitude").fill("-12.9561");
    await org.getByLabel("Longitude").fill("-38.3556");
    await org.getByLabel("Visibilidade").selectOption("public");
    await org.getByLabel("Aprovar cada inscrição antes de confirmar").uncheck();
    await press(org.getByRole("button", { name: "Publicar" }));
    await org.waitForURL(/\/eventos\/\d+(\?|$)/);
    eventId = Number(new URL(org.url()).pathname.split("/")[2]);
    await expect.poll(() => flash(org).textContent()).toMatch(/^Mutirão publicado!/);
    await expect.poll(() => new URL(org.url()).search).toBe("");
    // The cover chosen before the refusal was kept and uploaded.
    await expect.poll(() => org.getByTestId("event-cover").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    // The organizer runs it: no "Participar" for them.
    expect(await org.getByTestId("join-panel").getByRole("button").count()).toBe(0);
    await expect.poll(() => org.getByTestId("join-panel").textContent()).toMatch(/Você organiza este mutirão/);
    // "1.500" typed, 1500 seats, written the pt-BR way.
    await expect.poll(() => org.getByText("1.500 vagas de 1.500").count()).toBe(1);
    await screenshot(org, "evento-publicado");
    await expectAccessible(org, "event page after publishing");
    // Shown once: a reload does not say it again.
    await org.reload();
    await org.locator("main h1").waitFor();
    expect(await flash(org).count()).toBe(0);
  });

  it("signing up again with that e-mail gives one message and the way to Entrar (phone)", async () => {
    const page = await personPage(PHONE);
    await page.goto("/cadastro");
    await hydrated(page.getByRole("button", { name: "Criar conta" }));
    expect(await page.getByRole("main").getByRole("link", { name: "Política de privacidade" }).getAttribute("href")).toBe("/privacidade");
    expect(await page.getByRole("main").getByRole("link", { name: "Termos de uso" }).getAttribute("href")).toBe("/termos");
    await page.getByLabel("Nome", { exact: true }).fill("Outra");
    await page.getByLabel("E-mail").fill(organizer.email);
    await page.getByLabel("Senha", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repita a senha").fill(PASSWORD);
    await press(page.getByRole("button", { name: "Criar conta" }));
    await expectSummaryFocused(page, /^alert Já existe uma conta com este e-mail\. Entrar$/);
    expect(await page.getByText("Já existe uma conta com este e-mail.").count()).toBe(1);
    expect(await page.getByRole("alert").getByRole("link", { name: "Entrar" }).getAttribute("href")).toMatch(/^\/entrar\?next=/);
    expect(await page.getByLabel("Senha", { exact: true }).inputValue()).toBe(PASSWORD);
    // The phone menu closes once a link in it is followed.
    await press(page.getByText("Menu"));
    await press(page.getByRole("navigation", { name: "Principal (celular)" }).getByRole("link", { name: "Impacto" }));
    await page.waitForURL(/\/impacto$/);
    await expect.poll(() => page.locator("header details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it("editing keeps a changed category after a refusal", async () => {
    await org.goto(`/eventos/${eventId}/editar`);
    await hydrated(org.getByRole("button", { name: "Salvar alterações" }));
    await org.getByLabel("Categoria").selectOption({ label: "Plantio de Árvores" });
    await org.getByLabel("Título", { exact: true }).fill("");
    await press(org.getByRole("button", { name: "Salvar alterações" }));
    await expectSummaryFocused(org, /^alert Não foi possível salvar/);
    expect(await org.getByLabel("Categoria").evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("Plantio de Árvores");
    await org.getByLabel("Título", { exact: true }).fill(title);
    await press(org.getByRole("button", { name: "Salvar alterações" }));
    await expect.poll(() => flash(org).textContent()).toBe("Alterações salvas.");
  });

  it("the volunteer is told they joined and that they left (phone)", async () => {
    await signUp(vol, { first: "Vera", last: "Voluntária", email: volunteerEmail });
    // LGPD: a new account is private until the person opts in.
    await vol.goto("/perfil");
    expect(await (await hydrated(vol.getByLabel("Perfil público"))).isChecked()).toBe(false);
    expect(await vol.getByLabel("Mostrar meus mutirões no perfil público").isChecked()).toBe(false);
    // No hours yet: the certificate button says so, instead of a blank error page.
    await vol.getByRole("link", { name: "Baixar certificado de horas (PDF)" }).click();
    await vol.waitForURL(/\/perfil\?certificado=sem-horas/);
    await expect.poll(() => vol.getByText("Ainda não há horas no seu certificado").count()).toBe(1);
    await vol.goto(`/eventos/${eventId}`);
    await press(vol.getByTestId("join-panel").getByRole("button", { name: /^Participar/ }));
    await expect.poll(() => flash(vol).textContent()).toMatch(/^Inscrição confirmada!/);
    await expect.poll(() => participationStatus(vol).textContent()).toBe("Confirmado");
    await press(vol.getByTestId("join-panel").getByRole("button", { name: "Cancelar inscrição" }));
    await expect.poll(() => flash(vol).textContent()).toMatch(/^Inscrição cancelada/);
    await screenshot(vol, "inscricao-cancelada");
    await expectAccessible(vol, "event page after leaving");
    // Back in, for the cancellation below.
    await press(vol.getByTestId("join-panel").getByRole("button", { name: /^Participar/ }));
    await expect.poll(() => participationStatus(vol).textContent()).toBe("Confirmado");
  });

  it("on the organizer's phone the first screen holds check-in", async () => {
    // A mutirão happening now (check-in is open), Vera confirmed in it; unlisted, so that other
    // tests' "near me" lists do not meet a mutirão whose sign-ups are closed.
    const runningId = seedMutirao({ organizer: organizer.email, title: `${title} (agora)`, startedMinutesAgo: 10, minutes: 120, confirmed: [volunteerEmail], unlisted: true });
    const phone = await personPage(PHONE);
    await signIn(phone, organizer.email, `/eventos/${runningId}/gerenciar`);
    const panel = phone.getByTestId("checkin-panel");
    await panel.waitFor();
    const box = await panel.getByRole("button", { name: "Escanear QR" }).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    const code = await panel.getByRole("textbox", { name: "Check-in por código" }).boundingBox();
    expect(code && code.y + code.height).toBeLessThanOrEqual(PHONE.height);
    // Search by name jumps to the person's row.
    await (await hydrated(panel.getByRole("searchbox", { name: "Buscar pelo nome" }))).fill("vera");
    await expect.poll(() => panel.getByRole("link", { name: /Vera Voluntária/ }).count()).toBe(1);
    await screenshot(phone, "gerenciar-celular");
    await expectAccessible(phone, "organizer panel on a phone");
  });

  it("a cancelled mutirão's page tells the truth", async () => {
    await org.goto(`/eventos/${eventId}/gerenciar`);
    await press(org.getByText("Cancelar o mutirão"));
    await org.getByLabel("Motivo (enviado aos inscritos)").fill("Maré alta prevista.");
    await press(org.getByRole("button", { name: "Cancelar mutirão" }));
    await expect.poll(() => flash(org).textContent()).toMatch(/^Mutirão cancelado/);
    expect(await org.getByText("Código de check-in para os voluntários").count()).toBe(0);
    expect(await org.getByRole("heading", { name: "Relatório de impacto" }).count()).toBe(0);

    await vol.goto(`/eventos/${eventId}`);
    await expect.poll(() => vol.getByTestId("event-phase").textContent()).toBe("Cancelado");
    await expect.poll(() => vol.getByText("Maré alta prevista.").count()).toBe(1);
    expect(await vol.getByText("Adicionar à agenda (.ics)").count()).toBe(0);
    expect(await vol.getByTestId("my-checkin-code").count()).toBe(0);
    expect(await vol.getByRole("form", { name: "Novo comentário" }).count()).toBe(0);
    expect(await vol.getByText(/vagas? de \d/).count()).toBe(0);
    expect(await vol.getByTestId("join-panel").getByRole("button").count()).toBe(0);
    await expect.poll(() => vol.getByText("Comentários encerrados: o mutirão foi cancelado.").count()).toBe(1);
    await screenshot(vol, "evento-cancelado");
    await expectAccessible(vol, "cancelled event page");
  });

  it("a draft offers nothing to share", async () => {
    await org.goto("/eventos/novo");
    await hydrated(org.getByRole("button", { name: "Salvar rascunho" }));
    await fillEventBasics(org, `Rascunho ${title}`);
    await choosePlace(org, "Centralizar o mapa em", "salvad", "Salvador (BA)");
    await org.getByLabel("Latitude").fill("-12.9561");
    await org.getByLabel("Longitude").fill("-38.3556");
    await org.getByLabel("Vagas").fill("20");
    await press(org.getByRole("button", { name: "Salvar rascunho" }));
    await org.waitForURL(/\/eventos\/\d+(\?|$)/);
    await expect.poll(() => flash(org).textContent()).toMatch(/^Rascunho salvo/);
    await expect.poll(() => org.getByTestId("event-phase").textContent()).toBe("Rascunho");
    expect(await org.getByRole("button", { name: "Compartilhar" }).count()).toBe(0);
    expect(await org.getByText("WhatsApp").count()).toBe(0);
    const draftId = Number(new URL(org.url()).pathname.split("/")[2]);

    // The organizer's own page lists both, by where they stand.
    await org.goto("/meus-mutiroes");
    await expect.poll(() => org.getByRole("region", { name: /^Rascunhos/ }).getByTestId(`meu-mutirao-${draftId}`).count()).toBe(1);
    await expect.poll(() => org.getByRole("region", { name: /^Cancelados/ }).getByTestId(`meu-mutirao-${eventId}`).count()).toBe(1);
    await screenshot(org, "meus-mutiroes");
    await expectAccessible(org, "my mutirões");
  });

  it("deleting the account keeps the password after a refusal and confirms at the end (phone)", async () => {
    await vol.goto("/perfil");
    await press(vol.getByText("Excluir minha conta", { exact: true }).first());
    await vol.getByLabel("Sua senha").fill(PASSWORD);
    await vol.getByLabel("Digite EXCLUIR para confirmar").fill("excluir");
    await press(vol.getByRole("button", { name: "Excluir minha conta" }));
    await expect.poll(() => vol.getByRole("form", { name: "Excluir conta" }).getByRole("alert").textContent()).toBe("Digite EXCLUIR para confirmar.");
    expect(await vol.getByLabel("Sua senha").inputValue()).toBe(PASSWORD);
    await vol.getByLabel("Digite EXCLUIR para confirmar").fill("EXCLUIR");
    await press(vol.getByRole("button", { name: "Excluir minha conta" }));
    await vol.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => flash(vol).textContent()).toMatch(/^Conta excluída/);
  });
});

describe.each([
  ["phone", PHONE, "ubatu", "Ubatuba (SP)", /perto=-23\.4339%2C-45\.0711|perto=-23\.4339,-45\.0711/],
  ["desktop", DESKTOP, "chapada dos g", "Chapada dos Guimarães (MT)", /perto=-15\.46/],
])("finding a mutirão on %s", (_name, viewport, typed, option, near) => {
  it("search ignores accents and case; Perto de offers any municipality", async () => {
    const page = await personPage(viewport);
    for (const q of ["itapua", "ITAPUÃ", "sao paulo", "recuperacao"]) {
      await page.goto(`/eventos?q=${encodeURIComponent(q)}`);
      await expect.poll(() => page.locator("main ul li article").count(), { message: q }).toBeGreaterThan(0);
    }
    await page.goto("/eventos?q=itapua");
    await expect.poll(() => page.getByText("Praia limpa em Itapuã").count()).toBeGreaterThan(0);

    // A period the wrong way round and a page past the end get a way out, not "Dados inválidos".
    await page.goto("/eventos?de=2030-12-10&ate=2030-12-01");
    await expect.poll(() => page.getByText("O período está ao contrário", { exact: true }).count()).toBe(1);
    await page.goto("/eventos?pagina=999");
    await expect.poll(() => page.getByText("Esta página não existe mais", { exact: true }).count()).toBe(1);

    await page.goto("/eventos");
    if (viewport === PHONE) {
      // On a phone the filters fold behind one button.
      expect(await page.getByRole("combobox", { name: "Perto de" }).isVisible()).toBe(false);
      await page.getByText("Filtros e busca").click();
    }
    await choosePlace(page, "Perto de", typed, option);
    await screenshot(page, "perto-de-municipio");
    await expectAccessible(page, "events filters with a place chosen");
    await press(page.getByRole("button", { name: "Filtrar" }));
    await expect.poll(() => page.url()).toMatch(near);
    await expect.poll(() => page.getByRole("status").filter({ hasText: `de ${option.replace(/ \(..\)$/, "")}` }).count()).toBe(1);
    expect(await page.getByRole("combobox", { name: "Perto de" }).inputValue()).toBe(option);
  });
});
