/**
 * Litter reports and the waste chain of custody, as people use them: someone reports a littered
 * place with a photo, an organizer turns it into a mutirão, and after the impact report the place
 * shows cleaned with the after-photos; a receiver confirms a handover through its link, without
 * an account.
 */
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE, browserSession, expectAccessible, holdMutirao, hydrated, press, screenshot, seedMutirao, signUp, spLocal, uniqueEmail } from "./support";

const { personPage } = browserSession();
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const png = (name: string) => ({ name, mimeType: "image/png", buffer: Buffer.from(TINY_PNG, "base64") });

describe("a littered place, from the report to the cleanup", () => {
  it("is reported with a photo, becomes a mutirão, and shows cleaned with the after-photos", async () => {
    // A place of its own (a rerun on the same cluster must not meet its own open report within 50 m).
    const lat = (-22.95 - Math.random() * 0.05).toFixed(6);
    const lng = (-43.2 - Math.random() * 0.05).toFixed(6);

    const reporter = await personPage(PHONE);
    await signUp(reporter, { first: "Rita", last: "Repórter", email: uniqueEmail("reporter") });
    await reporter.goto("/pontos/novo");
    await hydrated(reporter.getByRole("button", { name: "Registrar ponto" }));
    await expectAccessible(reporter, "new litter report");
    await reporter.getByLabel("Latitude").fill(lat);
    await reporter.getByLabel("Longitude").fill(lng);
    await reporter.getByLabel("Cidade", { exact: true }).fill("Rio de Janeiro");
    await reporter.getByLabel("Estado", { exact: true }).selectOption("RJ");
    await reporter.getByLabel("Referência (opcional)").fill("Margem do canal, perto da ponte");
    await reporter.getByLabel("Uma carga de carro").check();
    await reporter.getByLabel("Plástico").check();
    await reporter.getByLabel("Fotos (1 a 4)").setInputFiles(png("lixo.png"));
    await screenshot(reporter, "ponto-novo");
    await press(reporter.getByRole("button", { name: "Registrar ponto" }));
    await reporter.waitForURL(/\/pontos\/\d+(\?|$)/);
    const reportId = Number(new URL(reporter.url()).pathname.split("/")[2]);
    await expect.poll(() => reporter.getByTestId("litter-status").textContent()).toBe("Aberto");
    await expect.poll(() => reporter.getByAltText("Foto do registro").count()).toBe(1);
    await expectAccessible(reporter, "litter report page");
    await screenshot(reporter, "ponto-aberto");

    // The public list shows it to anyone.
    const organizer = await personPage(DESKTOP);
    await organizer.goto("/pontos?cidade=Rio");
    await expect.poll(() => organizer.getByTestId("litter-list").getByRole("link", { name: new RegExp(`Ponto #${reportId} `) }).count()).toBe(1);
    await expectAccessible(organizer, "litter list");
    await screenshot(organizer, "pontos");

    // An organizer turns it into a mutirão: the place comes filled in.
    await signUp(organizer, { first: "Otávio", last: "Organizador", email: uniqueEmail("org-litter") });
    await organizer.goto(`/pontos/${reportId}`);
    await press(organizer.getByRole("link", { name: "Organizar um mutirão para limpar este ponto" }));
    await organizer.waitForURL(new RegExp(`/eventos/novo\\?pontos=${reportId}$`));
    await hydrated(organizer.getByRole("button", { name: "Publicar" }));
    expect(await organizer.getByLabel("Latitude").inputValue()).toBe(Number(lat).toFixed(6));
    expect(await organizer.getByLabel("Título", { exact: true }).inputValue()).toBe(`Limpeza do ponto de lixo #${reportId}`);
    await organizer.getByLabel("Categoria").selectOption({ label: "Limpeza Urbana" });
    await organizer.getByLabel("Descrição").fill("Vamos limpar o ponto registrado pela vizinhança.");
    await organizer.getByLabel("Início").fill(spLocal(24 * 60));
    await organizer.getByLabel("Fim", { exact: true }).fill(spLocal(24 * 60 + 120));
    await press(organizer.getByRole("button", { name: "Publicar" }));
    await organizer.waitForURL(/\/eventos\/\d+(\?|$)/);
    const eventId = Number(new URL(organizer.url()).pathname.split("/")[2]);
    await expect.poll(() => organizer.getByTestId("event-litter-reports").getByRole("link", { name: new RegExp(`Ponto #${reportId}`) }).count()).toBe(1);

    await reporter.goto(`/pontos/${reportId}`);
    await expect.poll(() => reporter.getByTestId("scheduled-event").getByRole("link").textContent()).toBe(`Limpeza do ponto de lixo #${reportId}`);

    // The mutirão takes place; the organizer posts an after-photo and files the impact report.
    holdMutirao(eventId, 150, 120);
    await organizer.goto(`/eventos/${eventId}`);
    const upload = organizer.getByRole("form", { name: "Enviar foto" });
    await hydrated(upload.getByRole("button", { name: "Enviar foto" }));
    await upload.getByLabel("Foto (JPEG, PNG ou WebP, até 10 MB)").setInputFiles(png("depois.png"));
    await upload.getByLabel("Momento").selectOption("after");
    await upload.getByLabel("Legenda").fill("Canal limpo");
    await press(upload.getByRole("button", { name: "Enviar foto" }));
    await expect.poll(() => upload.getByRole("status").textContent()).toBe("Foto enviada.");

    await organizer.goto(`/eventos/${eventId}/gerenciar`);
    const report = organizer.getByRole("form", { name: "Relatório de impacto" });
    await hydrated(report.getByRole("button", { name: /relatório/ }));
    await report.getByLabel("Plástico").fill("35");
    await press(report.getByRole("button", { name: /relatório/ }));
    await expect.poll(() => report.getByRole("status").textContent()).toMatch(/Relatório de impacto salvo/);

    // A worker closes the report as cleaned (after the report is published); the reporter sees it.
    await expect
      .poll(
        async () => {
          await reporter.goto(`/pontos/${reportId}`);
          return reporter.getByTestId("litter-status").textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe("Limpo");
    await expect.poll(() => reporter.getByTestId("after-photos").getByAltText("Canal limpo").count()).toBe(1);
    await expect.poll(() => reporter.getByTestId("litter-history").textContent()).toMatch(/Limpo/);
    await expectAccessible(reporter, "cleaned litter report");
    await screenshot(reporter, "ponto-limpo");
    await reporter.goto("/notificacoes");
    await expect.poll(() => reporter.getByText("Um ponto que você registrou foi limpo").count()).toBeGreaterThan(0);
  });
});

describe("the waste chain of custody", () => {
  it("bags are handed over and the receiver confirms through the link, without an account", async () => {
    const organizer = await personPage(DESKTOP);
    const email = uniqueEmail("org-waste");
    await signUp(organizer, { first: "Olga", last: "Organizadora", email });
    const eventId = seedMutirao({ organizer: email, title: "Mutirão dos resíduos (e2e)", startedMinutesAgo: 30, minutes: 180, unlisted: true });

    await organizer.goto(`/eventos/${eventId}/gerenciar`);
    const bags = organizer.getByRole("form", { name: "Registrar sacos" });
    await hydrated(bags.getByRole("button", { name: "Registrar sacos" }));
    await bags.getByLabel("Material").selectOption("plastic");
    await bags.getByLabel("Peso de cada saco (kg)").fill("4,5; 3");
    await press(bags.getByRole("button", { name: "Registrar sacos" }));
    await expect.poll(() => bags.getByRole("status").textContent()).toBe("2 sacos registrados.");
    await expect.poll(() => organizer.getByTestId("bag-table").locator("tbody tr").count()).toBe(2);
    await expectAccessible(organizer, "waste manager");

    const handover = organizer.getByRole("form", { name: "Registrar entrega" });
    await hydrated(handover.getByRole("button", { name: "Registrar entrega e gerar link" }));
    for (const box of await handover.getByRole("checkbox").all()) await box.check();
    await handover.getByLabel("Quem recebeu", { exact: true }).selectOption("cooperative");
    await handover.getByLabel("Nome de quem recebeu").fill("Cooperativa Recicla Rio");
    await handover.getByLabel("Destino declarado").selectOption("recycling");
    await press(handover.getByRole("button", { name: "Registrar entrega e gerar link" }));
    await expect.poll(() => handover.getByRole("status").textContent()).toMatch(/\/recebimento\?token=/);
    const message = (await handover.getByRole("status").textContent()) ?? "";
    const link = new URL(message.slice(message.indexOf("http")).trim());
    await screenshot(organizer, "residuos-gerenciar");

    // The receiver: a fresh browser, no account.
    const receiver = await personPage(PHONE);
    await receiver.goto(`${link.pathname}${link.search}`);
    await hydrated(receiver.getByRole("button", { name: "Confirmar recebimento" }));
    await expect.poll(() => receiver.getByText("Cooperativa Recicla Rio (Cooperativa de catadores)").count()).toBe(1);
    await expectAccessible(receiver, "receipt page");
    await receiver.getByLabel("Peso recebido na balança, em kg (opcional)").fill("7,2");
    await receiver.getByLabel("Foto do ticket de pesagem (opcional)").setInputFiles(png("ticket.png"));
    await press(receiver.getByRole("button", { name: "Confirmar recebimento" }));
    await expect.poll(() => receiver.getByText("Recebimento confirmado", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => receiver.getByText(/com 7,2 kg na balança/).count()).toBe(1);
    await screenshot(receiver, "recebimento-confirmado");

    // Used once: the same link now only shows that it was confirmed.
    await receiver.goto(`${link.pathname}${link.search}`);
    await expect.poll(() => receiver.getByRole("button", { name: "Confirmar recebimento" }).count()).toBe(0);

    // The organizer's panel and the mutirão's page show confirmed apart from declared.
    await organizer.goto(`/eventos/${eventId}/gerenciar`);
    await expect.poll(() => organizer.getByTestId("handover-list").textContent()).toMatch(/Confirmado por quem recebeu.*7,2 kg na balança/);
    await organizer.goto(`/eventos/${eventId}`);
    const panel = organizer.getByTestId("waste-panel");
    await expect.poll(() => panel.locator("div", { has: organizer.getByText("Declarado pela organização (kg)", { exact: true }) }).locator("dd").textContent()).toBe("7,5");
    await expect.poll(() => panel.locator("div", { has: organizer.getByText("Confirmado por quem recebeu (kg)", { exact: true }) }).locator("dd").textContent()).toBe("7,2");
    await expectAccessible(organizer, "event waste panel");
    await screenshot(organizer, "residuos-evento");
  });
});
