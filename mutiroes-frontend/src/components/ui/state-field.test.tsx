import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StateField } from "./state-field";

// The mutirão and litter-report forms share this field: the same label, options and messages.

describe("StateField", () => {
  it("is a required select of the 27 UFs after an empty 'UF…', with the kept value chosen", () => {
    const html = renderToStaticMarkup(<StateField value="PE" />);
    expect(html.startsWith('<div><label for="state" class="label">Estado</label><select id="state" name="state" required="" class="input">')).toBe(true);
    expect(html).toContain('<option value="">UF…</option>');
    expect(html.match(/<option value="[A-Z]{2}"/g)).toHaveLength(27);
    expect(html).toContain('<option value="PE" selected="">PE</option>');
    expect(html).not.toContain("aria-invalid");
  });

  it("shows the API's messages and points the select at them", () => {
    const html = renderToStaticMarkup(<StateField errors={["Escolha uma UF válida."]} />);
    expect(html).toContain('aria-describedby="state-error" aria-invalid="true"');
    expect(html).toContain('<p id="state-error" class="field-error">Escolha uma UF válida.</p>');
    expect(html).toContain('<option value="" selected="">UF…</option>');
  });
});
