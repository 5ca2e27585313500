import type { Metadata, Viewport } from "next";
import { Suspense, type ReactNode } from "react";
import { FlashMessage } from "@/components/layout/flash-message";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { siteUrl } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: "Mutirões — ação ambiental comunitária", template: "%s · Mutirões" },
  description: "Encontre mutirões de limpeza, plantio e cuidado ambiental perto de você, participe e veja o impacto.",
  openGraph: { siteName: "Mutirões", locale: "pt_BR", type: "website" },
  applicationName: "Mutirões",
  appleWebApp: { capable: true, title: "Mutirões", statusBarStyle: "default" },
  icons: { apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = { themeColor: "#17703d", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="pt-BR">
      <body className="flex min-h-screen flex-col">
        <a
          href="#conteudo"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-[2000] focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Pular para o conteúdo
        </a>
        <SiteHeader />
        <main id="conteudo" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
          {/* The flag is read in the browser: without the boundary, reading the query string would make every page dynamic. */}
          <Suspense fallback={null}>
            <FlashMessage />
          </Suspense>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
