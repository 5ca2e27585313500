import { describe, expect, it } from "vitest";
import { calendarLinks } from "./calendar-links";

describe("calendarLinks", () => {
  it("fills Google Calendar and Outlook with the mutirão's title, times in UTC and place", () => {
    const [google, outlook] = calendarLinks({
      title: "Limpeza da praia",
      start: "2026-04-12T08:00:00-03:00",
      end: "2026-04-12T11:00:00-03:00",
      location: "Farol de Itapuã, Salvador - BA",
      url: "https://mutiroes.example/eventos/7",
    });
    const g = new URL(google!.href);
    expect(g.searchParams.get("dates")).toBe("20260412T110000Z/20260412T140000Z");
    expect(g.searchParams.get("text")).toBe("Limpeza da praia");
    expect(g.searchParams.get("location")).toBe("Farol de Itapuã, Salvador - BA");
    const o = new URL(outlook!.href);
    expect(o.searchParams.get("startdt")).toBe("2026-04-12T11:00:00.000Z");
    expect(o.searchParams.get("subject")).toBe("Limpeza da praia");
  });
});
