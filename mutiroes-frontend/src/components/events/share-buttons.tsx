"use client";

import { useState } from "react";

/** Native share sheet when available, otherwise copy the link; plus WhatsApp, which is how most people share in Brazil. */
export function ShareButtons({ url, title }: { url: string; title: string }) {
  const [copied, setCopied] = useState<"idle" | "ok" | "fail">("idle");

  async function share() {
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title, url });
        return;
      } catch {
        // cancelled: fall back to copying
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setCopied("ok");
    } catch {
      setCopied("fail");
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className="btn-secondary btn-sm" onClick={share}>
        Compartilhar
      </button>
      <a className="btn-secondary btn-sm" href={`https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`} target="_blank" rel="noopener noreferrer">
        WhatsApp
      </a>
      <span role="status" aria-live="polite" className="text-xs text-stone-600">
        {copied === "ok" ? "Link copiado!" : copied === "fail" ? url : ""}
      </span>
    </div>
  );
}
