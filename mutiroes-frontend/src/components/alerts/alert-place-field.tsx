"use client";

import { PlaceSearch } from "@/components/places/place-search";

/** The municipality of a new alert area: the typed or chosen name goes with the form as `lugar`. */
export function AlertPlaceField({ id }: { id: string }) {
  return <PlaceSearch id={id} label="Cidade" name="lugar" placeholder="Digite uma cidade" hint="Escolha da lista, por exemplo “Campinas (SP)”." onChoose={() => undefined} />;
}
