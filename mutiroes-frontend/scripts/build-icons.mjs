// The app's icons (PWA manifest, home screen), drawn from the brand mark in src/app/icon.svg with
// the local Chromium: no download. Run after changing the mark: `node scripts/build-icons.mjs`.
//   public/icons/icon-192.png, icon-512.png   the mark on a transparent background ("any")
//   public/icons/maskable-512.png             full-bleed green, the mark inside the safe zone
//   public/icons/apple-touch-icon.png         180 px, opaque (iOS draws no transparency)
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const mark = readFileSync(`${root}src/app/icon.svg`, "utf8");
const out = `${root}public/icons/`;
mkdirSync(out, { recursive: true });

const ICONS = [
  { file: "icon-192.png", size: 192, background: "transparent", scale: 1 },
  { file: "icon-512.png", size: 512, background: "transparent", scale: 1 },
  { file: "maskable-512.png", size: 512, background: "#17703d", scale: 0.72 },
  { file: "apple-touch-icon.png", size: 180, background: "#17703d", scale: 0.86 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const side = Math.round(icon.size * icon.scale);
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:flex;align-items:center;justify-content:center;background:${icon.background}">` +
        mark.replace("<svg ", `<svg width="${side}" height="${side}" `) +
        "</body></html>",
    );
    await page.screenshot({ path: `${out}${icon.file}`, omitBackground: icon.background === "transparent" });
    await page.close();
  }
} finally {
  await browser.close();
}
