import { describe, expect, it } from "vitest";
import { shareMetadata, whatsappHref } from "./share-metadata";

const base = "https://mutiroes.example.org";
const share = {
  path: "/eventos/12",
  title: "Limpeza da praia",
  description: "sáb, 12/12/2026 · Rio de Janeiro/RJ. 10 vagas restantes.",
  image_path: "/api/events/12/og.png?v=abc",
  image_width: 1200,
  image_height: 630,
  image_alt: "Limpeza da praia: …",
  poster_path: "/api/events/12/poster.pdf",
  indexable: true,
};

describe("shareMetadata", () => {
  it("gives absolute Open Graph and a large Twitter card", () => {
    const meta = shareMetadata(share, base);
    expect(meta.openGraph).toMatchObject({
      title: "Limpeza da praia",
      url: "https://mutiroes.example.org/eventos/12",
      images: [{ url: "https://mutiroes.example.org/api/events/12/og.png?v=abc", width: 1200, height: 630, type: "image/png" }],
    });
    expect(meta.twitter).toMatchObject({ card: "summary_large_image" });
    expect(meta.alternates).toEqual({ canonical: "/eventos/12" });
  });

  it("keeps an unlisted page out of indexes and out of og:url", () => {
    const meta = shareMetadata({ ...share, indexable: false, image_path: "/api/events/12/og.png?v=abc&k=key" }, base);
    expect(meta.robots).toEqual({ index: false, follow: false });
    expect(meta.alternates).toBeUndefined();
    expect(meta.openGraph && "url" in meta.openGraph).toBe(false);
  });
});

describe("whatsappHref", () => {
  it("carries only the title and the link", () => {
    expect(whatsappHref("Mutirão & cia", "https://x.org/eventos/1")).toBe("https://wa.me/?text=Mutir%C3%A3o%20%26%20cia%20https%3A%2F%2Fx.org%2Feventos%2F1");
  });
});
