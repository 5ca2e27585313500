import { describe, expect, it } from "vitest";
import { cameraErrorMessage, cameraUnavailableMessage, codeFromScan, createRepeatFilter, REPEAT_WINDOW_MS } from "./scan";

describe("codeFromScan", () => {
  it("reads a participant code, forgiving case and spaces", () => {
    expect(codeFromScan("ABCD2345")).toBe("ABCD2345");
    expect(codeFromScan("  abcd 2345\n")).toBe("ABCD2345");
  });
  it("rejects what is not a participant code", () => {
    expect(codeFromScan("")).toBeNull();
    expect(codeFromScan("ABC")).toBeNull();
    expect(codeFromScan("ABCDEFGHJKMNP")).toBeNull();
    expect(codeFromScan("https://example.com/pagar?x=1")).toBeNull();
    expect(codeFromScan("ÁBCD2345")).toBeNull();
  });
});

describe("createRepeatFilter", () => {
  it("sends a code once while it stays in front of the camera", () => {
    const fresh = createRepeatFilter(5_000);
    expect(fresh("AAAA2222", 0)).toBe(true);
    expect(fresh("AAAA2222", 200)).toBe(false);
    expect(fresh("AAAA2222", 4_000)).toBe(false);
    // Still seen every few hundred ms: the window slides, nothing is sent again.
    expect(fresh("AAAA2222", 8_000)).toBe(false);
  });
  it("sends it again after it has been out of sight for the whole window", () => {
    const fresh = createRepeatFilter(5_000);
    expect(fresh("AAAA2222", 0)).toBe(true);
    expect(fresh("AAAA2222", 4_999)).toBe(false);
    expect(fresh("AAAA2222", 9_999)).toBe(true);
  });
  it("does not hold back the next person", () => {
    const fresh = createRepeatFilter();
    expect(fresh("AAAA2222", 0)).toBe(true);
    expect(fresh("BBBB3333", 100)).toBe(true);
    expect(fresh("AAAA2222", 200)).toBe(false);
    expect(fresh("AAAA2222", 200 + REPEAT_WINDOW_MS)).toBe(true);
  });
});

describe("camera messages", () => {
  it("explains why the camera cannot be asked for", () => {
    expect(cameraUnavailableMessage({ isSecureContext: false, hasGetUserMedia: false })).toMatch(/conexão segura/);
    expect(cameraUnavailableMessage({ isSecureContext: true, hasGetUserMedia: false })).toMatch(/não dá acesso à câmera/);
    expect(cameraUnavailableMessage({ isSecureContext: true, hasGetUserMedia: true })).toBeNull();
  });
  it("names what went wrong when getUserMedia fails", () => {
    expect(cameraErrorMessage(new DOMException("denied", "NotAllowedError"))).toMatch(/Permissão para usar a câmera negada/);
    expect(cameraErrorMessage(new DOMException("none", "NotFoundError"))).toMatch(/Nenhuma câmera encontrada/);
    expect(cameraErrorMessage(new DOMException("busy", "NotReadableError"))).toMatch(/em uso por outro aplicativo/);
    expect(cameraErrorMessage(new Error("?"))).toMatch(/Não foi possível abrir a câmera/);
    expect(cameraErrorMessage(undefined)).toMatch(/Não foi possível abrir a câmera/);
  });
});
