import { create } from "qrcode";
import { describe, expect, it } from "vitest";
import { qrPath, QUIET_ZONE } from "./qr-path";

/** Paints the path back into a grid of modules (it only uses the shapes qrPath writes). */
function paint(d: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect(Number(m[4])).toBe(run);
    for (let i = 0; i < run; i++) grid[y]![x + i] = true;
  }
  return grid;
}

describe("qrPath", () => {
  it("draws runs of dark modules inside the quiet zone", () => {
    const dark = new Set(["0,0", "0,1", "1,2"]);
    const { side, d } = qrPath({ size: 3, isDark: (r, c) => dark.has(`${r},${c}`) }, 1);
    expect(side).toBe(5);
    expect(d).toBe("M1 1h2v1h-2zM3 2h1v1h-1z");
  });

  it("reproduces a real QR code module by module", () => {
    const qr = create("ABCD2345", { errorCorrectionLevel: "M" });
    const { side, d } = qrPath({ size: qr.modules.size, isDark: (r, c) => Boolean(qr.modules.get(r, c)) });
    expect(side).toBe(qr.modules.size + 2 * QUIET_ZONE);
    const grid = paint(d, side);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const inside = r >= QUIET_ZONE && c >= QUIET_ZONE && r < side - QUIET_ZONE && c < side - QUIET_ZONE;
        expect(grid[r]![c]).toBe(inside && Boolean(qr.modules.get(r - QUIET_ZONE, c - QUIET_ZONE)));
      }
    }
  });
});
