"use client";

import { useMemo, useState } from "react";
import { LazyMap } from "@/components/map/lazy-map";
import { describedBy } from "@/components/ui/field";

type Props = {
  tileUrl: string;
  initialLat?: string;
  initialLng?: string;
  errors?: string[];
};

/** Click the map to place the meeting point; latitude/longitude stay editable by hand (and work without the map). */
export function LocationPicker({ tileUrl, initialLat = "", initialLng = "", errors }: Props) {
  const [lat, setLat] = useState(initialLat);
  const [lng, setLng] = useState(initialLng);
  const point = useMemo(() => {
    const a = Number(lat);
    const b = Number(lng);
    return lat && lng && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lng: b } : undefined;
  }, [lat, lng]);
  const markers = useMemo(() => (point ? [{ id: "local", lat: point.lat, lng: point.lng, title: "Ponto de encontro" }] : []), [point]);

  return (
    <fieldset className="space-y-3">
      <legend className="label">Local no mapa</legend>
      <p id="loc-hint" className="text-xs text-stone-600">
        Clique no mapa para marcar o ponto de encontro, ou digite as coordenadas.
      </p>
      <LazyMap
        label="Mapa para escolher o ponto de encontro"
        tileUrl={tileUrl}
        markers={markers}
        center={point}
        zoom={point ? 15 : 4}
        onPick={(p) => {
          setLat(p.lat.toFixed(6));
          setLng(p.lng.toFixed(6));
        }}
      />
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="latitude" className="label">
            Latitude
          </label>
          <input
            id="latitude"
            name="latitude"
            inputMode="decimal"
            className="input"
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            placeholder="-22.9711"
            {...describedBy("latitude", errors)}
          />
        </div>
        <div>
          <label htmlFor="longitude" className="label">
            Longitude
          </label>
          <input id="longitude" name="longitude" inputMode="decimal" className="input" value={lng} onChange={(e) => setLng(e.target.value)} placeholder="-43.1822" />
        </div>
      </div>
      {errors?.length ? (
        <p id="latitude-error" className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
