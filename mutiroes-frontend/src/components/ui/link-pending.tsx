"use client";

import { useLinkStatus } from "next/link";

/**
 * Inside a <Link>: a small spinner while the page it leads to is being rendered on the server
 * (there is no loading.tsx, see README). It appears after a short delay, so quick navigations
 * do not flash it.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={pending ? "link-pending" : "hidden"} />;
}
