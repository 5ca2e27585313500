import { describe, expect, it } from "vitest";
import type { CollectiveDetail } from "./api/types";
import { collectiveBodyFromForm, collectiveFormValues } from "./collectives";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe("collectiveBodyFromForm", () => {
  it("reads every field, trimmed, clearing the empty ones", () => {
    const read = collectiveBodyFromForm(
      form({ name: "  Praia Limpa ", description: "Limpamos a orla.", city: "Recife", state: "PE", website: "", instagram: "@praia", whatsapp_group: "" }),
    );
    expect(read).toEqual({
      ok: true,
      body: { name: "Praia Limpa", description: "Limpamos a orla.", city: "Recife", state: "PE", website: "", instagram: "@praia", whatsapp_group: "" },
    });
  });

  it("refuses an unknown state with a pt-BR message", () => {
    expect(collectiveBodyFromForm(form({ name: "X", city: "Recife", state: "XX" }))).toEqual({ ok: false, field: "state", message: "Escolha o estado." });
    expect(collectiveBodyFromForm(form({ name: "X", city: "Recife" }))).toMatchObject({ ok: false, field: "state" });
  });
});

describe("collectiveFormValues", () => {
  it("fills the edit form with the collective as it is", () => {
    const c = { name: "Praia Limpa", description: "", city: "Recife", state: "PE", website: "https://praia.org.br", instagram: "praia", whatsapp_group: "", logo: null } as CollectiveDetail;
    expect(collectiveFormValues(c)).toEqual({
      name: "Praia Limpa",
      description: "",
      city: "Recife",
      state: "PE",
      website: "https://praia.org.br",
      instagram: "praia",
      whatsapp_group: "",
      logo: "",
    });
    expect(collectiveFormValues({ ...c, logo: "/media/logos/praia.webp" }).logo).toBe("/media/logos/praia.webp");
  });
});
