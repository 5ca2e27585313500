/** Unsigned JWT-shaped tokens for tests (the frontend never checks signatures). */
export function fakeJwt(exp: number, extra: Record<string, unknown> = {}): string {
  const enc = (obj: unknown) => Buffer.from(JSON.stringify(obj)).toString("base64url");
  return `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ exp, ...extra })}.signature`;
}
