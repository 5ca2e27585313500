// `make bench`, target 9: cold loads of a web-app page in Chromium as a mid-range phone on a slow
// mobile network; prints one line `BENCH_JSON {...}` with the medians and every load.
//
//   node bench/webvitals.mjs --url http://127.0.0.1:8080/eventos [--runs 3] [--chromium /usr/bin/chromium]
//
// Each load gets a new browser context (empty cache, no cookies, no service worker), so every
// load is cold. Measured per load:
//   lcp_ms       the last 'largest-contentful-paint' entry (PerformanceObserver, buffered) after
//                the network went idle: what Chrome reports as LCP for a load without input.
//   fcp_ms       'first-contentful-paint' (paint timing), for context.
//   transfer_kb  the sum of Network.loadingFinished.encodedDataLength over the load (bytes on
//                the wire: headers + compressed bodies), in kB of 1,000 bytes.
// Emulation (Chrome DevTools Protocol, the same calls as DevTools' throttling menus):
//   - Emulation.setCPUThrottlingRate {rate: 4}: DevTools' "4x slowdown" (a mid-range phone).
//   - Network.emulateNetworkConditions with DevTools' "Slow 4G" preset: latency 150 × 3.75 =
//     562.5 ms, download 1.6 Mbit/s × 0.9 = 180,000 B/s, upload 750 kbit/s × 0.9 = 84,375 B/s
//     (Chrome DevTools' front_end/core/sdk/NetworkManager.ts, Slow4GConditions; Puppeteer ships
//     the same numbers as PredefinedNetworkConditions["Slow 4G"]).
//   - a 390×844 viewport at device scale factor 3, touch, isMobile, an Android Chrome user agent.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "mutiroes-frontend", "package.json"));
const { chromium } = require("playwright-core");

const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: "pt-BR",
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function median(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

async function oneLoad(browser, url) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    let bytes = 0;
    let requests = 0;
    const statuses = {};
    cdp.on("Network.responseReceived", (e) => {
      const s = String(e.response.status);
      statuses[s] = (statuses[s] || 0) + 1;
    });
    cdp.on("Network.loadingFinished", (e) => {
      bytes += e.encodedDataLength;
      requests += 1;
    });
    const t0 = Date.now();
    const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    const loadMs = Date.now() - t0;
    await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => {});
    const paints = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const done = (lcp) => resolve({ lcp, fcp: fcp ? fcp.startTime : null });
          const timer = setTimeout(() => done(null), 5000);
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            clearTimeout(timer);
            done(entries[entries.length - 1].startTime);
          }).observe({ type: "largest-contentful-paint", buffered: true });
        }),
    );
    return {
      status: response ? response.status() : null,
      lcp_ms: paints.lcp === null ? null : Math.round(paints.lcp),
      fcp_ms: paints.fcp === null ? null : Math.round(paints.fcp),
      load_event_ms: loadMs,
      transfer_kb: Math.round(bytes / 100) / 10,
      requests,
      statuses,
    };
  } finally {
    await context.close();
  }
}

const url = option("url");
if (!url) {
  console.error("usage: node bench/webvitals.mjs --url URL [--runs 3] [--chromium PATH]");
  process.exit(2);
}
const runs = Number(option("runs", "3"));
const browser = await chromium.launch({
  executablePath: option("chromium", "/usr/bin/chromium"),
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const loads = [];
  for (let i = 0; i < runs; i += 1) {
    const load = await oneLoad(browser, url);
    console.error(`webvitals: load ${i + 1}/${runs}: LCP ${load.lcp_ms} ms, ${load.transfer_kb} kB`);
    loads.push(load);
  }
  const out = {
    url,
    runs,
    lcp_ms: median(loads.map((l) => l.lcp_ms)),
    fcp_ms: median(loads.map((l) => l.fcp_ms)),
    transfer_kb: median(loads.map((l) => l.transfer_kb)),
    requests: median(loads.map((l) => l.requests)),
    emulation: {
      cpu_slowdown: CPU_SLOWDOWN,
      network: "Chrome DevTools Slow 4G",
      latency_ms: SLOW_4G.latency,
      download_bytes_per_s: SLOW_4G.downloadThroughput,
      upload_bytes_per_s: SLOW_4G.uploadThroughput,
      viewport: PHONE.viewport,
      device_scale_factor: PHONE.deviceScaleFactor,
      user_agent: PHONE.userAgent,
    },
    loads,
  };
  console.log(`BENCH_JSON ${JSON.stringify(out)}`);
} finally {
  await browser.close();
}
