import type { MetadataRoute } from "next";

/** The installable app (PWA): served at /manifest.webmanifest; icons drawn by scripts/build-icons.mjs. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Mutirões — ação ambiental comunitária",
    short_name: "Mutirões",
    description: "Encontre mutirões perto de você, participe e faça o check-in mesmo sem sinal.",
    lang: "pt-BR",
    dir: "ltr",
    start_url: "/meus-mutiroes",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#fafaf9",
    theme_color: "#17703d",
    categories: ["social", "lifestyle"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
