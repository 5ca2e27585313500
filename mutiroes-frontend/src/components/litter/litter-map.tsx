"use client";

import Link from "next/link";
import { useState } from "react";
import { LazyMap } from "@/components/map/lazy-map";
import type { MapMarker } from "@/components/map/leaflet-map";

type Props = {
  markers: MapMarker[];
  tileUrl: string;
  center?: { lat: number; lng: number };
  zoom: number;
  /** The list's address with its other filters (no area); the area is added to it. */
  listHref: string;
};

/** The reports' map; after moving it, "Buscar nesta área" lists the reports inside the visible area
 * (the API's indexed bounding box). */
export function LitterMap({ markers, tileUrl, center, zoom, listHref }: Props) {
  const [area, setArea] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <LazyMap
        label="Mapa dos pontos de lixo"
        tileUrl={tileUrl}
        zoom={zoom}
        center={center}
        markers={markers}
        onArea={(a) => setArea([a.south, a.west, a.north, a.east].map((n) => n.toFixed(4)).join(","))}
      />
      {area ? (
        <Link href={`${listHref}${listHref.includes("?") ? "&" : "?"}area=${encodeURIComponent(area)}`} className="btn-secondary">
          Buscar nesta área do mapa
        </Link>
      ) : null}
    </div>
  );
}
