import "server-only";
import { redirect } from "next/navigation";
import { getMe } from "./api/users";
import type { Me } from "./api/types";

/** The signed-in user, or a redirect to /entrar that comes back here. */
export async function requireUser(next: string): Promise<Me> {
  const me = await getMe();
  if (!me) redirect(`/entrar?next=${encodeURIComponent(next)}`);
  return me;
}
