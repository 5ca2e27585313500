import { describe, expect, it } from "vitest";
import { shareCookieForApiPath, shareFromPageUrl, shareLink, shareTokenFromCookie } from "./share";

const TOKEN = "aaaabbbbccccdddd0001";

describe("share tokens of unlisted mutirões", () => {
  it("reads the token of a mutirão's page link", () => {
    expect(shareFromPageUrl("/eventos/12", new URLSearchParams({ convite: TOKEN }))).toEqual({ eventId: "12", token: TOKEN });
    expect(shareFromPageUrl("/eventos/12/calendario.ics", new URLSearchParams({ convite: TOKEN }))).toEqual({ eventId: "12", token: TOKEN });
    expect(shareFromPageUrl("/eventos/12", new URLSearchParams())).toBeNull();
    expect(shareFromPageUrl("/eventos", new URLSearchParams({ convite: TOKEN }))).toBeNull();
    expect(shareFromPageUrl("/eventos/12", new URLSearchParams({ convite: "curto" }))).toBeNull();
    expect(shareFromPageUrl("/eventos/12", new URLSearchParams({ convite: `${TOKEN};x=1` }))).toBeNull();
  });

  it("sends the token only with calls about that mutirão", () => {
    expect(shareCookieForApiPath("/api/events/12/")).toBe("mut_share_12");
    expect(shareCookieForApiPath("/api/events/12/comments/")).toBe("mut_share_12");
    expect(shareCookieForApiPath("/api/events/")).toBeNull();
    expect(shareCookieForApiPath("/api/events/120x/")).toBeNull();
    expect(shareCookieForApiPath("/api/users/me/")).toBeNull();
    expect(shareTokenFromCookie(TOKEN)).toBe(TOKEN);
    expect(shareTokenFromCookie("a\r\nX-Evil: 1")).toBeNull();
    expect(shareTokenFromCookie(undefined)).toBeNull();
  });

  it("builds the organizer's link", () => {
    expect(shareLink("https://mutiroes.example", 7, TOKEN)).toBe(`https://mutiroes.example/eventos/7?convite=${TOKEN}`);
  });
});
