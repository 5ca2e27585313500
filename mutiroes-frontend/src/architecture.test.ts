/**
 * The web app holds no copy of a server rule, and its layers import one way. The API states the
 * rules (`registration_open`, `checkin_opens_at`, `can_edit`, a row's `actions`, the materials…);
 * the web app shows exactly that. A failure here names the file and the copy it found.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative(SRC, path)] : [];
  });
}

const FILES = sources(SRC).map((file) => ({ file, text: readFileSync(join(SRC, file), "utf8") }));

/** A copy of a server rule, by what it looks like in TypeScript. */
const COPIES: Array<[string, RegExp]> = [
  ["the check-in window (use checkin_open / can_check_in)", /CHECKIN_MARGIN|checkInWindowOpen|60\s*\*\s*60\s*\*\s*1000/],
  ["a rule computed from the mutirão's dates (use the API's registration_open, can_* fields)", /new Date\([^)]*\b(start|end|registration_deadline|registrationDeadline)\b[^)]*\)(\.getTime\(\))?\s*(<=|>=|<|>)|(<=|>=|<|>)\s*new Date\([^)]*\b(start|end|registration_deadline)\b/],
  ["the manager check (use can_manage)", /organizer\.id\s*===|===\s*[a-z.]*organizer\.id|can_manage\s*\|\|/],
  ["who may pledge, post a photo or comment (use can_pledge, can_post_photo, comments_open)", /my_participation\s*===|canPledge=\{(?!event\.can_pledge\})|canUpload=\{(?!event\.can_post_photo\})/],
  ["the participant actions (use the row's actions)", /participantActions|status\s*===\s*"waitlisted"\s*\|\|/],
  ["the list of materials (use GET /api/materials/)", /["'](plastic|glass|landfill|organic)["']\s*[:,]/],
  ["an address the API hands out (use its url)", /calendar\.ics\?token/],
  ["a hedge about the contract", /apiOrNull|Array\.isArray\([^)]*\)\s*\?[^:]*\.results|\?\?\s*\w+\.unread/],
];

describe("no copy of a server rule in the web app", () => {
  for (const [what, pattern] of COPIES) {
    it(what, () => {
      expect(FILES.filter(({ text }) => pattern.test(text)).map(({ file }) => file)).toEqual([]);
    });
  }
});

describe("layers import one way: app/components → lib/actions → lib/api → types", () => {
  const importsOf = (text: string) => [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1] ?? "");
  it("lib/ never imports components/ or app/", () => {
    const bad = FILES.filter(({ file }) => file.startsWith("lib/")).filter(({ text }) => importsOf(text).some((i) => /^@\/(components|app)\/|\.\.\/(components|app)\//.test(i)));
    expect(bad.map(({ file }) => file)).toEqual([]);
  });
  it("lib/api never imports lib/actions", () => {
    const bad = FILES.filter(({ file }) => file.startsWith("lib/api/")).filter(({ text }) => importsOf(text).some((i) => /actions/.test(i)));
    expect(bad.map(({ file }) => file)).toEqual([]);
  });
  // The token refresh is the one call below the typed client: it is what the client does on a 401.
  const REFRESH = new Set(["lib/api/client.ts", "lib/api/refresh.ts", "lib/api/session.ts", "middleware.ts"]);
  it("every call to the API goes through the typed client", () => {
    const bad = FILES.filter(({ file }) => !REFRESH.has(file)).filter(({ text }) => /\bfetch\(\s*[`"']?[^)]*\/api\//.test(text) || /apiBaseUrl\(\)/.test(text));
    expect(bad.map(({ file }) => file)).toEqual([]);
  });
});
