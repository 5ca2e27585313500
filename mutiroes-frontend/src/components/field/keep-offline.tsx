"use client";

import { useEffect, useState } from "react";
import { keepForOffline } from "@/lib/field/device";

/** Keeps the page it is on for use without signal (a volunteer's check-in code), and says so. */
export function KeepOffline({ viewerId }: { viewerId: number }) {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator) || !navigator.onLine) return;
    keepForOffline(viewerId).then(setKept, () => setKept(false));
  }, [viewerId]);
  return kept ? (
    <p className="text-left text-xs text-stone-600" data-testid="kept-offline">
      Guardado neste aparelho: esta página abre mesmo sem sinal.
    </p>
  ) : null;
}
