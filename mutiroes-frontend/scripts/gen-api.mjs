#!/usr/bin/env node
// Generates src/lib/api/schema.d.ts from the backend's OpenAPI schema.
//   npm run gen:api                      -> ../mutiroes_backend/var/openapi.yaml (made with manage.py spectacular when missing)
//   npm run gen:api -- <file-or-url>     -> that schema (e.g. http://127.0.0.1:8000/api/schema/)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const backend = resolve(root, "../mutiroes_backend");
const out = resolve(root, "src/lib/api/schema.d.ts");

let source = process.argv[2] || process.env.API_SCHEMA;
if (!source) {
  source = resolve(backend, "var/openapi.yaml");
  const python = process.env.BACKEND_PYTHON || resolve(root, "../.venv/bin/python");
  if (existsSync(python) && existsSync(resolve(backend, "manage.py"))) {
    mkdirSync(dirname(source), { recursive: true });
    execFileSync(python, ["manage.py", "spectacular", "--file", source], {
      cwd: backend,
      stdio: "inherit",
      env: { ...process.env, DJANGO_DEBUG: "1" },
    });
  } else if (!existsSync(source)) {
    console.error(`No schema: ${source} is missing and no backend Python at ${python}. Pass a file or URL.`);
    process.exit(1);
  }
}

execFileSync(resolve(root, "node_modules/.bin/openapi-typescript"), [source, "-o", out, "--alphabetize"], { cwd: root, stdio: "inherit" });
console.log(`Wrote ${out}`);
