"use client";

import dynamic from "next/dynamic";
import type { LeafletMapProps } from "./leaflet-map";

/** Leaflet only loads in the browser and only where a map is shown, keeping it out of first-load JS. */
export const LazyMap = dynamic<LeafletMapProps>(() => import("./leaflet-map").then((m) => m.LeafletMap), {
  ssr: false,
  loading: () => (
    <div className="flex h-80 w-full items-center justify-center rounded-xl border border-stone-200 bg-stone-100 text-sm text-stone-600" role="status">
      Carregando mapa…
    </div>
  ),
});
