/** Turns a QR code's module matrix into one SVG path, so the server can draw it inline. */

export type ModuleMatrix = { size: number; isDark: (row: number, col: number) => boolean };

/** Light border around the symbol, in modules; the QR standard asks for four. */
export const QUIET_ZONE = 4;

/**
 * The path draws each horizontal run of dark modules as one rectangle, shifted by the quiet
 * zone; `side` is the width and height of the whole picture in modules (the viewBox).
 */
export function qrPath(matrix: ModuleMatrix, quietZone = QUIET_ZONE): { side: number; d: string } {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      const run = col - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${run}v1h-${run}z`);
    }
  }
  return { side: matrix.size + 2 * quietZone, d: parts.join("") };
}
