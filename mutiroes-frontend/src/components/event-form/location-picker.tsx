"use client";

import { useMemo, useRef, useState } from "react";
import { LazyMap } from "@/components/map/lazy-map";
import { PlaceSearch, type PlaceOption } from "@/components/places/place-search";
import { describedBy } from "@/components/ui/field";

/** Fills the form's Cidade and Estado from a chosen municipality when they are still empty. */
function fillCityAndState(form: HTMLFormElement | null | undefined, place: PlaceOption): void {
  const city = form?.elements.namedItem("city");
  const state = form?.elements.namedItem("state");
  if (city instanceof HTMLInputElement && !city.value.trim()) city.value = place.name;
  if (state instanceof HTMLSelectElement && !state.value) state.value = place.uf;
}

type Props = {
  tileUrl: string;
  initialLat?: string;
  initialLng?: string;
  errors?: string[];
  /** What the point is ("Ponto de encontro", "Lugar do lixo"). */
  pointLabel?: string;
  /** Offer "Usar minha localização" (the device's location, asked only on click). */
  deviceLocation?: boolean;
};

/** Find the town, then click the map to place the meeting point; latitude/longitude stay editable
 * by hand (and work without the map). The API refuses a point outside Brazil; its message shows here. */
export function LocationPicker({ tileUrl, initialLat = "", initialLng = "", errors, pointLabel = "Ponto de encontro", deviceLocation = false }: Props) {
  const [lat, setLat] = useState(initialLat);
  const [lng, setLng] = useState(initialLng);
  const [locating, setLocating] = useState<"idle" | "busy" | "failed">("idle");
  const locate = () => {
    if (!("geolocation" in navigator)) return setLocating("failed");
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setTown(undefined);
        setLat(position.coords.latitude.toFixed(6));
        setLng(position.coords.longitude.toFixed(6));
        setLocating("idle");
      },
      () => setLocating("failed"),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  };
  const [town, setTown] = useState<{ lat: number; lng: number } | undefined>();
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const point = useMemo(() => {
    const a = Number(lat);
    const b = Number(lng);
    return lat && lng && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lng: b } : undefined;
  }, [lat, lng]);
  const markers = useMemo(() => (point ? [{ id: "local", lat: point.lat, lng: point.lng, title: pointLabel }] : []), [point, pointLabel]);

  return (
    <fieldset className="space-y-3" ref={fieldsetRef}>
      <legend className="label">Local no mapa</legend>
      <PlaceSearch
        id="loc-busca"
        label="Centralizar o mapa em"
        hint={`Escolha a cidade; depois clique no mapa para marcar: ${pointLabel.toLowerCase()}. Ou digite as coordenadas.`}
        onChoose={(place) => {
          if (!place) return;
          setTown({ lat: place.lat, lng: place.lng });
          fillCityAndState(fieldsetRef.current?.form, place);
        }}
      />
      {deviceLocation ? (
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="btn-secondary" onClick={locate} disabled={locating === "busy"}>
            {locating === "busy" ? "Localizando…" : "Usar minha localização"}
          </button>
          {locating === "failed" ? (
            <p className="text-sm text-red-700" role="alert">
              Não foi possível obter a localização do aparelho. Marque o lugar no mapa.
            </p>
          ) : null}
        </div>
      ) : null}
      <LazyMap
        label={`Mapa para escolher: ${pointLabel.toLowerCase()}`}
        tileUrl={tileUrl}
        markers={markers}
        center={town ?? point}
        zoom={town ? 13 : point ? 15 : 4}
        onPick={(p) => {
          setTown(undefined);
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
