"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useRef, useState } from "react";

export type MapMarker = { id: number | string; lat: number; lng: number; title: string; href?: string; subtitle?: string };

export type LeafletMapProps = {
  markers: MapMarker[];
  center?: { lat: number; lng: number };
  zoom?: number;
  tileUrl: string;
  /** Called with the clicked point (location picking). */
  onPick?: (point: { lat: number; lng: number }) => void;
  /** A circle drawn around the center, in km ("perto de mim"). */
  radiusKm?: number;
  /** Called with the visible area after the person moves or zooms the map. */
  onArea?: (area: { south: number; west: number; north: number; east: number }) => void;
  label: string;
  className?: string;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);
}

/**
 * Leaflet with OpenStreetMap tiles. Markers are drawn as vector circles (no
 * image assets), so the map stays useful even when no tile can be loaded.
 */
export function LeafletMap({ markers, center, zoom = 12, tileUrl, onPick, radiusKm, onArea, label, className = "h-80" }: LeafletMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const onPickRef = useRef(onPick);
  const onAreaRef = useRef(onArea);
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    onPickRef.current = onPick;
    onAreaRef.current = onArea;
  }, [onPick, onArea]);

  useEffect(() => {
    if (!containerRef.current || mapRef.current) return;
    const map = L.map(containerRef.current, { scrollWheelZoom: false, attributionControl: true });
    mapRef.current = map;
    if (tileUrl) {
      let errors = 0;
      const tiles = L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      });
      tiles.on("tileerror", () => {
        errors += 1;
        if (errors >= 2) setTilesFailed(true);
      });
      tiles.on("tileload", () => setTilesFailed(false));
      tiles.addTo(map);
    } else {
      setTilesFailed(true);
    }
    layerRef.current = L.layerGroup().addTo(map);
    map.on("click", (e: L.LeafletMouseEvent) => onPickRef.current?.({ lat: e.latlng.lat, lng: e.latlng.lng }));
    map.on("moveend", () => {
      const b = map.getBounds();
      onAreaRef.current?.({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() });
    });
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    const points: L.LatLngExpression[] = [];
    if (center && radiusKm) {
      L.circle([center.lat, center.lng], { radius: radiusKm * 1000, color: "#0e7490", weight: 1, fillOpacity: 0.05 }).addTo(layer);
    }
    for (const m of markers) {
      const marker = L.circleMarker([m.lat, m.lng], { radius: 9, color: "#ffffff", weight: 2, fillColor: "#17703d", fillOpacity: 1 });
      const link = m.href ? `<a href="${escapeHtml(m.href)}">${escapeHtml(m.title)}</a>` : escapeHtml(m.title);
      marker.bindPopup(`<strong>${link}</strong>${m.subtitle ? `<br>${escapeHtml(m.subtitle)}` : ""}`);
      marker.bindTooltip(m.title);
      marker.addTo(layer);
      points.push([m.lat, m.lng]);
    }
    if (center) {
      map.setView([center.lat, center.lng], zoom);
    } else if (points.length > 1) {
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 14 });
    } else if (points.length === 1 && points[0]) {
      map.setView(points[0], zoom);
    } else {
      map.setView([-15.78, -47.93], 4);
    }
  }, [markers, center, zoom, radiusKm]);

  return (
    <div className="relative">
      <div ref={containerRef} role="region" aria-label={label} className={`${className} w-full overflow-hidden rounded-xl border border-stone-200 bg-stone-100`} />
      {tilesFailed ? (
        <p role="status" className="absolute bottom-2 left-2 right-2 z-[500] rounded-md bg-white/95 px-3 py-2 text-xs text-stone-700 shadow">
          O mapa de fundo não carregou; os pontos continuam marcados e os detalhes estão na página.
        </p>
      ) : null}
    </div>
  );
}
