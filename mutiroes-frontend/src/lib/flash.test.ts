import { describe, expect, it } from "vitest";
import { flashFrom, withoutFlash } from "./flash";

describe("flash confirmations", () => {
  it("names what the redirect's flag says happened", () => {
    expect(flashFrom(new URLSearchParams("publicado=1"))?.message).toMatch(/^Mutirão publicado!/);
    expect(flashFrom(new URLSearchParams("conta=excluida"))?.message).toMatch(/^Conta excluída/);
    expect(flashFrom(new URLSearchParams("inscricao=cancelada"))?.message).toMatch(/^Inscrição cancelada/);
  });
  it("ignores unknown values and other parameters", () => {
    expect(flashFrom(new URLSearchParams("publicado=0&q=praia"))).toBeNull();
  });
  it("drops only the flags from the address", () => {
    expect(withoutFlash(new URLSearchParams("q=praia&bem-vindo=1"))).toBe("?q=praia");
    expect(withoutFlash(new URLSearchParams("publicado=1"))).toBe("");
  });
});
