/** Turning the organizer's form into the API's event body (pure, tested). */
import { saoPauloLocalToIso } from "../format";

export type EventFormBody = {
  title: string;
  description: string;
  category?: number;
  address: string;
  city: string;
  state: string;
  latitude?: number;
  longitude?: number;
  start?: string;
  end?: string;
  registration_deadline?: string;
  capacity?: number;
  min_age: number;
  requires_approval: boolean;
  visibility: "public" | "unlisted";
  what_to_bring: string;
  tools_provided: string;
};

type Getter = (name: string) => string;

function num(value: string): number | undefined {
  const v = value.trim().replace(",", ".");
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The body plus field errors we can tell before asking the API (the API has the last word). */
export function eventBodyFromForm(get: Getter): { body: EventFormBody; errors: Record<string, string[]> } {
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
  const body: EventFormBody = {
    title: get("title").trim(),
    description: get("description").trim(),
    category: num(get("category")),
    address: get("address").trim(),
    city: get("city").trim(),
    state: get("state").trim().toUpperCase(),
    latitude: num(get("latitude")),
    longitude: num(get("longitude")),
    start: dt("start", true),
    end: dt("end", true),
    registration_deadline: dt("registration_deadline", false),
    capacity: num(get("capacity")),
    min_age: num(get("min_age")) ?? 0,
    requires_approval: ["on", "true", "1"].includes(get("requires_approval")),
    visibility: get("visibility") === "unlisted" ? "unlisted" : "public",
    what_to_bring: get("what_to_bring").trim(),
    tools_provided: get("tools_provided").trim(),
  };
  if (!body.title) errors.title = ["Dê um título ao mutirão."];
  if (!body.description) errors.description = ["Conte o que vai acontecer."];
  if (!body.category) errors.category = ["Escolha uma categoria."];
  if (!body.address) errors.address = ["Informe o ponto de encontro."];
  if (!body.city) errors.city = ["Informe a cidade."];
  if (!/^[A-Z]{2}$/.test(body.state)) errors.state = ["Escolha o estado."];
  if (body.latitude === undefined || body.longitude === undefined) errors.latitude = ["Marque o local no mapa ou informe latitude e longitude."];
  if (body.capacity === undefined || !Number.isInteger(body.capacity) || body.capacity < 1) errors.capacity = ["Informe quantas vagas (pelo menos 1)."];
  if (body.start && body.end && !errors.start && !errors.end && new Date(body.end) <= new Date(body.start)) {
    errors.end = ["O fim deve ser depois do início."];
  }
  if (body.registration_deadline && body.start && new Date(body.registration_deadline) > new Date(body.start)) {
    errors.registration_deadline = ["O prazo de inscrição deve ser até o início."];
  }
  return { body, errors };
}

/** The body without undefined values (what is sent as JSON). */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
