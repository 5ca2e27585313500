/** Turning the organizer's form into the API's event body (pure, tested). */
import type { EventCreateBody } from "../api/types";
import { isUf } from "../brazil";
import { saoPauloLocalToIso } from "../format";
import { parseNumberBR, type NumberRules } from "../numbers";

type Getter = (name: string) => string;

/** Coordinates and ids: a plain decimal (dot or comma), never pt-BR grouping ("-22.984" is not -22984). */
function num(value: string): number | undefined {
  const v = value.trim().replace(",", ".");
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The API's body, or the fields the person still has to fill in. Only presence and format are
 * checked here; every rule about the values (dates, deadline, capacity) is the API's, and its
 * field errors come back to the form.
 */
export function eventBodyFromForm(get: Getter): { body: EventCreateBody | null; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const dt = (name: string, required: boolean): string | undefined => {
    const raw = get(name).trim();
    if (!raw) {
      if (required) errors[name] = ["Informe data e hora."];
      return undefined;
    }
    const iso = saoPauloLocalToIso(raw);
    if (!iso) errors[name] = ["Data e hora inválidas."];
    return iso ?? undefined;
  };
  const title = get("title").trim();
  const description = get("description").trim();
  const category = num(get("category"));
  const address = get("address").trim();
  const city = get("city").trim();
  const state = get("state").trim().toUpperCase();
  const latitude = num(get("latitude"));
  const longitude = num(get("longitude"));
  const start = dt("start", true);
  const end = dt("end", true);
  const registration_deadline = dt("registration_deadline", false);
  // Counts the pt-BR way ("1.500" seats), a fraction refused on its field instead of rounded.
  const count = (name: string, rules: NumberRules): number | undefined => {
    const parsed = parseNumberBR(get(name), { integer: true, ...rules });
    if (!parsed.ok) errors[name] = [parsed.error];
    return parsed.ok && parsed.value !== null ? parsed.value : undefined;
  };
  const capacity = count("capacity", { min: 0 });
  const minAge = count("min_age", { min: 0 });
  if (!title) errors.title = ["Dê um título ao mutirão."];
  if (!description) errors.description = ["Conte o que vai acontecer."];
  if (!category) errors.category = ["Escolha uma categoria."];
  if (!address) errors.address = ["Informe o ponto de encontro."];
  if (!city) errors.city = ["Informe a cidade."];
  if (!isUf(state)) errors.state = ["Escolha o estado."];
  if (latitude === undefined || longitude === undefined) errors.latitude = ["Marque o local no mapa ou informe latitude e longitude."];
  if (capacity === undefined && !errors.capacity) errors.capacity = ["Informe quantas vagas."];
  if (!category || !isUf(state) || latitude === undefined || longitude === undefined || !start || !end || capacity === undefined || Object.keys(errors).length) {
    return { body: null, errors };
  }
  const body: EventCreateBody = {
    title,
    description,
    category,
    address,
    city,
    state,
    latitude,
    longitude,
    start,
    end,
    capacity,
    min_age: minAge ?? 0,
    requires_approval: ["on", "true", "1"].includes(get("requires_approval")),
    requires_waiver: ["on", "true", "1"].includes(get("requires_waiver")),
    asks_image_consent: ["on", "true", "1"].includes(get("asks_image_consent")),
    visibility: get("visibility") === "unlisted" ? "unlisted" : "public",
    what_to_bring: get("what_to_bring").trim(),
    tools_provided: get("tools_provided").trim(),
    ...(registration_deadline ? { registration_deadline } : {}),
    // The collective select is shown only to organizers of a collective; "" takes it out of one.
    ...(get("collective_field") ? { collective: num(get("collective")) ?? null } : {}),
  };
  return { body, errors };
}
