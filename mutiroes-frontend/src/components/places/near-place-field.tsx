"use client";

import { useState } from "react";
import { PlaceSearch } from "./place-search";

type Props = {
  id: string;
  label?: string;
  /** The current `perto` ("lat,lng") and how to name it ("Campinas (SP)", "Minha localização"). */
  near: string;
  nearLabel: string;
};

/** "Perto de" in a GET form: type a municipality, choose it, and `perto` carries its seat.
 * Without JavaScript (or without choosing) the typed name goes as `lugar` and the server resolves it. */
export function NearPlaceField({ id, label = "Perto de", near, nearLabel }: Props) {
  const [value, setValue] = useState(near);
  return (
    <>
      <PlaceSearch
        id={id}
        label={label}
        name="lugar"
        defaultValue={nearLabel}
        placeholder="Qualquer lugar"
        onChoose={(p) => setValue(p ? `${p.lat.toFixed(4)},${p.lng.toFixed(4)}` : "")}
      />
      <input type="hidden" name="perto" value={value} />
    </>
  );
}
