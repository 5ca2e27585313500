import type { Metadata } from "next";
import type { ShareData } from "@/lib/api/types";

/**
 * The Open Graph and Twitter card tags of a shared page (a mutirão's, a collective's) from the
 * API's share data, with absolute URLs on `base` (crawlers need them). A page that is not
 * indexable (an unlisted mutirão) gets no canonical and no og:url: its link carries a secret that
 * stays in the link the person pasted, never in the tags.
 */
export function shareMetadata(share: ShareData, base: string): Metadata {
  const image = { url: `${base}${share.image_path}`, width: share.image_width, height: share.image_height, alt: share.image_alt, type: "image/png" };
  return {
    title: share.title,
    description: share.description,
    ...(share.indexable ? { alternates: { canonical: share.path } } : { robots: { index: false, follow: false } }),
    openGraph: {
      type: "website",
      siteName: "Mutirões",
      locale: "pt_BR",
      title: share.title,
      description: share.description,
      images: [image],
      ...(share.indexable ? { url: `${base}${share.path}` } : {}),
    },
    twitter: { card: "summary_large_image", title: share.title, description: share.description, images: [{ url: image.url, alt: image.alt }] },
  };
}

/** The text a share sheet or WhatsApp message carries: the title and the link, nothing else. */
export function shareText(title: string, url: string): string {
  return `${title} ${url}`;
}

export function whatsappHref(title: string, url: string): string {
  return `https://wa.me/?text=${encodeURIComponent(shareText(title, url))}`;
}
