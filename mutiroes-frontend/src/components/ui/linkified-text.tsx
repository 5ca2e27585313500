import { linkifyParts } from "@/lib/linkify";

/** Text someone wrote, with its web addresses as links (opened apart, not endorsed: nofollow ugc). */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkifyParts(text).map((part, i) =>
        part.kind === "url" ? (
          <a key={i} href={part.href} target="_blank" rel="nofollow ugc noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
