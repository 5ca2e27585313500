"use client";

import { useEffect } from "react";
import { announceViewer } from "@/lib/field/device";

/**
 * Registers the service worker (production builds only: `next dev` serves changing files) and
 * tells it who is signed in, so pages kept for one person are never shown to another.
 */
export function DeviceSession({ viewerId }: { viewerId: number | null }) {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    // Offline, the worker already runs (this page came from it): no update check to fail.
    const registered = navigator.onLine ? navigator.serviceWorker.register("/sw.js", { scope: "/" }) : Promise.resolve();
    registered.then(() => announceViewer(viewerId)).catch(() => undefined); // no service worker: the app works, only not offline
  }, [viewerId]);
  return null;
}
