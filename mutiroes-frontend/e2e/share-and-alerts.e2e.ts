/**
 * Alerts near me and sharing (#17): a volunteer saves an area and is told in the app when a
 * mutirão is published there; a mutirão's page fetched as a crawler would (no cookies) carries
 * valid Open Graph and Twitter tags whose picture answers as a 1200 × 630 PNG; the share buttons
 * use the Web Share API when there is one, and WhatsApp and "Copiar link" otherwise.
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, DESKTOP, PHONE, browserSession, createAndPublishEvent, expectAccessible, hydrated, press, screenshot, signUp, uniqueEmail } from "./support";

const { personPage } = browserSession();
let published: { id: number; title: string } | undefined;

/** The mutirão the sharing tests look at: the one the alerts test published, or a new one. */
async function publishedMutirao(): Promise<{ id: number; title: string }> {
  if (!published) {
    const organizer = await personPage(DESKTOP);
    await signUp(organizer, { first: "Sara", last: "Compartilha", email: uniqueEmail("compartilha") });
    const title = `Mutirão compartilhado ${Date.now().toString(36)}`;
    published = { id: await createAndPublishEvent(organizer, { title, startInMinutes: 3 * 24 * 60, durationMinutes: 180, capacity: 12 }), title };
  }
  return published;
}

function metaContent(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\s[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`property="${key}"`) || t.includes(`name="${key}"`));
  const raw = tag ? /content="([^"]*)"/.exec(tag)?.[1] : undefined;
  return raw?.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.slice(0, 8)]).toEqual(signature);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("alerts near me", () => {
  it("a saved area brings an in-app alert for a mutirão published there", async () => {
    const volunteer = await personPage(PHONE);
    await signUp(volunteer, { first: "Alice", last: "Alerta", email: uniqueEmail("alerta") });
    await volunteer.goto("/alertas");
    await expect.poll(() => volunteer.getByText("Nenhuma área ainda").count()).toBe(1);
    await screenshot(volunteer, "alertas-vazio");
    await expectAccessible(volunteer, "/alertas (empty)");

    await hydrated(volunteer.getByRole("button", { name: "Salvar área" }));
    await volunteer.getByRole("combobox", { name: "Cidade" }).fill("Rio de Janeiro");
    await volunteer.getByRole("option", { name: "Rio de Janeiro (RJ)" }).click();
    expect(await volunteer.getByRole("combobox", { name: "Cidade" }).inputValue()).toBe("Rio de Janeiro (RJ)");
    await volunteer.getByLabel("Raio", { exact: true }).selectOption("25");
    await volunteer.getByLabel("Nome (opcional)").fill("Praias do Rio");
    await press(volunteer.getByRole("button", { name: "Salvar área" }));
    await expect.poll(() => volunteer.getByRole("status").filter({ hasText: "Área salva." }).count()).toBe(1);
    const areas = volunteer.getByTestId("alert-areas");
    await expect.poll(() => areas.textContent()).toContain("Até 25 km de Rio de Janeiro (RJ)");
    await screenshot(volunteer, "alertas");
    await expectAccessible(volunteer, "/alertas");

    const organizer = await personPage(DESKTOP);
    await signUp(organizer, { first: "Otto", last: "Organiza", email: uniqueEmail("alerta-org") });
    const title = `Mutirão no Leme ${Date.now().toString(36)}`;
    const id = await createAndPublishEvent(organizer, { title, startInMinutes: 3 * 24 * 60, durationMinutes: 180, capacity: 12 });
    published = { id, title };
    await organizer.goto("/alertas");
    await expect.poll(() => organizer.locator("main h1").textContent()).toBe("Alertas perto de mim");
    await screenshot(organizer, "alertas");
    await expectAccessible(organizer, "/alertas (desktop)");

    // Workers fan the alert out after the publication commits: look until it is there.
    const alert = volunteer.getByRole("link", { name: `Novo mutirão perto de você: ${title}` });
    await expect
      .poll(
        async () => {
          await volunteer.goto("/notificacoes");
          return alert.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    await screenshot(volunteer, "notificacoes-alerta");
    await press(alert);
    await volunteer.waitForURL(new RegExp(`/eventos/${id}$`));
  }, 240_000);
});

describe("sharing", () => {
  it("the page has valid Open Graph and Twitter tags for a crawler, and a 1200 × 630 picture", async () => {
    const { id, title } = await publishedMutirao();
    // As WhatsApp's crawler: a plain GET, no cookie, no JavaScript.
    const page = await fetch(`${BASE_URL}/eventos/${id}`, { headers: { "User-Agent": "WhatsApp/2.24 A", Accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(metaContent(html, "og:title")).toBe(title);
    expect(metaContent(html, "og:url")).toBe(`${BASE_URL}/eventos/${id}`);
    expect(metaContent(html, "og:type")).toBe("website");
    expect(metaContent(html, "og:description")).toMatch(/Rio de Janeiro\/RJ\. 12 vagas restantes\.$/);
    expect(metaContent(html, "twitter:card")).toBe("summary_large_image");
    expect(metaContent(html, "og:image:width")).toBe("1200");
    expect(metaContent(html, "og:image:height")).toBe("630");
    const image = metaContent(html, "og:image");
    expect(image).toMatch(new RegExp(`^${BASE_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/api/events/${id}/og\\.png\\?v=[0-9a-f]{16}$`));
    expect(metaContent(html, "twitter:image")).toBe(image);

    const picture = await fetch(image!, { headers: { "User-Agent": "WhatsApp/2.24 A" } });
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(pngSize(new Uint8Array(await picture.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it("without the Web Share API: WhatsApp and copy the link", async () => {
    const { id, title } = await publishedMutirao();
    const page = await personPage(DESKTOP, { permissions: ["clipboard-read", "clipboard-write"] });
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
    });
    await page.goto(`/eventos/${id}`);
    const buttons = page.getByTestId("share-buttons");
    await hydrated(buttons.getByRole("button", { name: "Copiar link" }));
    expect(await buttons.getByRole("button", { name: "Compartilhar" }).count()).toBe(0);
    const url = `${BASE_URL}/eventos/${id}`;
    expect(await buttons.getByRole("link", { name: "WhatsApp" }).getAttribute("href")).toBe(`https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`);
    await press(buttons.getByRole("button", { name: "Copiar link" }));
    await expect.poll(() => buttons.getByRole("status").textContent()).toBe("Link copiado!");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await screenshot(page, "evento-compartilhar");
    await expectAccessible(page, "event page with share buttons");
  });

  it("a refused clipboard shows the link to copy by hand", async () => {
    const { id } = await publishedMutirao();
    const page = await personPage(PHONE);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
      Object.defineProperty(Navigator.prototype, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
    });
    await page.goto(`/eventos/${id}`);
    const buttons = page.getByTestId("share-buttons");
    await press(buttons.getByRole("button", { name: "Copiar link" }));
    await expect.poll(() => buttons.getByLabel("Link do mutirão").inputValue()).toBe(`${BASE_URL}/eventos/${id}`);
    await screenshot(page, "evento-copiar-manual");
  });

  it("with the Web Share API: the phone's share sheet gets the title and the link", async () => {
    const { id, title } = await publishedMutirao();
    const page = await personPage(PHONE);
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      Object.defineProperty(window, "__shared", { value: shared });
      Object.defineProperty(Navigator.prototype, "share", { value: (data: ShareData) => (shared.push(data), Promise.resolve()), configurable: true });
    });
    await page.goto(`/eventos/${id}`);
    await press(page.getByTestId("share-buttons").getByRole("button", { name: "Compartilhar" }));
    const url = `${BASE_URL}/eventos/${id}`;
    await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared)).toEqual([{ title, text: `${title} ${url}`, url }]);
    await screenshot(page, "evento-compartilhar");
  });
});
