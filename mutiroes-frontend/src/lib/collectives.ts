import type { CollectiveRole } from "./api/types";

export const ROLE_LABEL: Record<CollectiveRole, string> = { owner: "Dono(a)", organizer: "Organizador(a)", member: "Membro" };
