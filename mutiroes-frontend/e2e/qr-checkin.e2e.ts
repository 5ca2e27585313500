/**
 * Check-in by QR code: the volunteer's page shows their code as a QR code, and the organizer's
 * scanner reads it from a (fake) camera and checks the volunteer in. The camera plays a Y4M
 * video that this test writes from the volunteer's code.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { create } from "qrcode";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  createAndPublishEvent,
  expectAccessible,
  launch,
  launchWithFakeCamera,
  newContext,
  participationStatus,
  press,
  screenshot,
  signIn,
  signUp,
  takeBrowserErrors,
  uniqueEmail,
} from "./support";

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 5;

/** A few frames of 640×480 video (4:2:0) showing `text` as a black-on-white QR code, centred. */
function qrVideo(text: string): Buffer {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const side = modules.size + 2 * quiet;
  const px = Math.floor((HEIGHT - 40) / side);
  const left = Math.floor((WIDTH - side * px) / 2);
  const top = Math.floor((HEIGHT - side * px) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 200); // a light grey background around the white quiet zone
  for (let y = 0; y < side * px; y++) {
    for (let x = 0; x < side * px; x++) {
      const row = Math.floor(y / px) - quiet;
      const col = Math.floor(x / px) - quiet;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && Boolean(modules.get(row, col));
      luma[(top + y) * WIDTH + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...Array<Buffer>(FRAMES).fill(frame)]);
}

const scratch = mkdtempSync(join(tmpdir(), "mutiroes-qr-"));
const browsers: Browser[] = [];
const contexts: BrowserContext[] = [];

async function personPage(browser: Browser, viewport = DESKTOP, extra?: Parameters<typeof newContext>[2]): Promise<Page> {
  const context = await newContext(browser, viewport, extra);
  contexts.push(context);
  return context.newPage();
}

afterEach(() => {
  expect(takeBrowserErrors()).toEqual([]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const b of browsers) await b.close().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe("check-in by QR code", () => {
  const organizer = { first: "Quitéria", last: "Organiza", email: uniqueEmail("org-qr") };
  const volunteer = { first: "Caio", last: "Qr", email: uniqueEmail("vol-qr") };
  let browser: Browser;
  let orgPage: Page;
  let volPage: Page;
  let eventId = 0;
  let code = "";

  beforeAll(async () => {
    browser = await launch();
    browsers.push(browser);
  });

  it("shows a confirmed volunteer their code and its QR code", async () => {
    orgPage = await personPage(browser, DESKTOP);
    volPage = await personPage(browser, PHONE);
    await signUp(orgPage, organizer);
    await signUp(volPage, volunteer);
    // Starts in ~2 minutes: check-in opens an hour before the start, so it is open now.
    eventId = await createAndPublishEvent(orgPage, { title: `Mutirão QR ${Date.now().toString(36)}`, startInMinutes: 2, durationMinutes: 120, capacity: 10 });

    await volPage.goto(`/eventos/${eventId}`);
    expect(await volPage.getByTestId("my-checkin-code").count()).toBe(0);
    await press(volPage.getByTestId("join-panel").getByRole("button", { name: "Participar" }));
    await expect.poll(() => participationStatus(volPage).textContent()).toBe("Confirmado");

    const card = volPage.getByTestId("my-checkin-code");
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card.getByRole("heading", { name: "Seu código de check-in" }).count()).toBe(1);
    code = ((await volPage.getByTestId("my-checkin-code-text").textContent()) ?? "").trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    const qr = card.getByRole("img", { name: new RegExp(code) });
    await expect.poll(() => qr.count()).toBe(1);
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
    expect(((await qr.locator("path").getAttribute("d")) ?? "").length).toBeGreaterThan(100);
    await screenshot(volPage, "evento-codigo-de-check-in");
    await expectAccessible(volPage, "event page with the check-in QR code");

    // The organizer's panel lists the same code for this volunteer.
    await orgPage.goto(`/eventos/${eventId}/gerenciar`);
    const row = orgPage.locator('[data-testid^="participant-"]').filter({ hasText: "Caio Qr" });
    await expect.poll(() => row.textContent()).toContain(code);
  }, 240_000);

  it("without a usable camera, the scanner says so and the code field stays", async () => {
    expect(eventId).toBeGreaterThan(0);
    // This browser has no camera and grants no permission.
    await orgPage.goto(`/eventos/${eventId}/gerenciar`);
    const open = orgPage.getByRole("button", { name: "Escanear QR" });
    await press(open);
    await expect.poll(() => orgPage.getByRole("heading", { name: "Leitor de QR code" }).count()).toBe(1);
    const problem = orgPage.locator("#leitor-qr").getByRole("alert");
    await expect.poll(() => problem.textContent(), { timeout: 20_000 }).toMatch(/câmera/);
    await screenshot(orgPage, "gerenciar-leitor-sem-camera");
    expect(await orgPage.getByRole("textbox", { name: "Check-in por código" }).isEditable()).toBe(true);
    // Esc closes the scanner and gives the focus back to its button.
    await orgPage.keyboard.press("Escape");
    await expect.poll(() => orgPage.getByRole("heading", { name: "Leitor de QR code" }).count()).toBe(0);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await open.getAttribute("aria-expanded")).toBe("false");
  }, 120_000);

  it("the organizer scans the volunteer's QR code and the volunteer is checked in", async () => {
    expect(code).not.toBe("");
    const video = join(scratch, "qr.y4m");
    writeFileSync(video, qrVideo(code));
    const camera = await launchWithFakeCamera(video);
    browsers.push(camera);
    const page = await personPage(camera, DESKTOP, { permissions: ["camera"] });
    // Record the camera streams the page opens, to check they are stopped when the scanner closes.
    await page.addInitScript(() => {
      const opened: MediaStream[] = [];
      (window as unknown as { openedStreams: MediaStream[] }).openedStreams = opened;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        opened.push(stream);
        return stream;
      };
    });
    await signIn(page, organizer.email, `/eventos/${eventId}/gerenciar`);
    const row = page.locator('[data-testid^="participant-"]').filter({ hasText: "Caio Qr" });
    await expect.poll(() => row.getByTestId("attendance").textContent()).toBe("Ainda sem check-in");

    await press(page.getByRole("button", { name: "Escanear QR" }));
    await expect.poll(() => page.getByRole("heading", { name: "Leitor de QR code" }).count()).toBe(1);
    const result = page.getByTestId("scan-result");
    await expect.poll(() => result.textContent(), { timeout: 90_000, interval: 500 }).toBe("Check-in de Caio Qr registrado.");
    await screenshot(page, "gerenciar-leitor-qr");
    await expectAccessible(page, "organizer panel with the QR scanner open");
    // The code is still in front of the camera: it is not sent again ("already checked in").
    expect(await result.textContent()).toBe("Check-in de Caio Qr registrado.");
    expect(await page.locator("#leitor-qr").getByText(/já/i).count()).toBe(0);

    // Closing the scanner stops the camera.
    const opened = () => page.evaluate(() => (window as unknown as { openedStreams: MediaStream[] }).openedStreams.flatMap((s) => s.getTracks()).map((t) => t.readyState));
    expect(await opened()).toContain("live");
    await press(page.getByRole("button", { name: "Fechar leitor" }));
    await expect.poll(() => page.getByRole("heading", { name: "Leitor de QR code" }).count()).toBe(0);
    await expect.poll(opened).not.toContain("live");

    // The participant's row shows the check-in.
    await expect.poll(() => row.getByTestId("attendance").textContent()).toMatch(/^Chegou às \d{2}:\d{2}$/);

    // The volunteer's page now says they are checked in, instead of the QR code.
    await volPage.goto(`/eventos/${eventId}`);
    await expect.poll(() => volPage.getByTestId("my-checked-in").textContent()).toMatch(/^Check-in feitoVocê chegou às \d{2}:\d{2}\. Bom mutirão!$/);
    expect(await volPage.getByTestId("my-checkin-qr").count()).toBe(0);
    expect(await volPage.getByLabel("Chegou? Faça seu check-in com o código do mutirão").count()).toBe(0);
  }, 240_000);
});
