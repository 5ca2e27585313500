"use client";

import { useEffect, useRef, useState } from "react";
import { shareText, whatsappHref } from "@/lib/share-metadata";

type Props = { url: string; title: string; posterHref?: string | null };

/**
 * "Compartilhar" opens the phone's share sheet (Web Share API) where there is one; everywhere,
 * WhatsApp (wa.me) and "Copiar link" work too. When the clipboard is refused, the link is shown
 * selected so it can be copied by hand. The link is the page's, with nothing about who shares.
 */
export function ShareButtons({ url, title, posterHref }: Props) {
  const [canShare, setCanShare] = useState(false);
  const [copied, setCopied] = useState<"idle" | "ok" | "fail">("idle");
  const manual = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCanShare(typeof navigator.share === "function");
  }, []);

  useEffect(() => {
    if (copied === "fail") manual.current?.select();
  }, [copied]);

  async function share() {
    try {
      await navigator.share({ title, text: shareText(title, url), url });
    } catch {
      // dismissed or refused: the other buttons stay there
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("ok");
    } catch {
      setCopied("fail");
    }
  }

  return (
    <div className="space-y-2" data-testid="share-buttons">
      <div className="flex flex-wrap items-center gap-2">
        {canShare ? (
          <button type="button" className="btn-primary btn-sm" onClick={share}>
            Compartilhar
          </button>
        ) : null}
        <a className="btn-secondary btn-sm" href={whatsappHref(title, url)} target="_blank" rel="noopener noreferrer">
          WhatsApp
        </a>
        <button type="button" className="btn-secondary btn-sm" onClick={copy}>
          Copiar link
        </button>
        {posterHref ? (
          <a className="btn-secondary btn-sm" href={posterHref} download>
            Cartaz (PDF)
          </a>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="text-xs text-stone-600">
        {copied === "ok" ? "Link copiado!" : copied === "fail" ? "Não foi possível copiar: selecione o link abaixo." : ""}
      </p>
      {copied === "fail" ? (
        <>
          <label htmlFor="link-para-copiar" className="sr-only">
            Link do mutirão
          </label>
          <input id="link-para-copiar" ref={manual} readOnly value={url} className="input font-mono text-xs" />
        </>
      ) : null}
    </div>
  );
}
