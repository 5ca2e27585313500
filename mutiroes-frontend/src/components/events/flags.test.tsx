import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Photo, Resource } from "@/lib/api/types";
import { CommentsSection } from "./comments-section";
import { PhotosSection } from "./photos-section";
import { ResourcesSection } from "./resources-section";

// The event page passes the API's flags (`can_pledge`, `can_post_photo`, `comments_open`) straight
// through; these sections show a form exactly when the flag says the API will take it.

const gloves: Resource = { id: 7, name: "Luvas", kind: "protection", quantity_needed: 10, unit: "pares", pledged: 3, missing: 7, my_pledge: null, pledges: [] };
const photo: Photo = {
  id: 3,
  image: "/media/photos/1/a.jpg",
  thumbnail: null,
  content_type: "image/jpeg",
  caption: "Antes",
  stage: "before",
  uploaded_by: { id: 99, name: "Ana", is_public: false },
  width: 64,
  height: 48,
  is_hidden: false,
  created_at: "2025-01-01T10:00:00Z",
};

const pledgeForm = (canPledge: boolean) =>
  renderToStaticMarkup(<ResourcesSection eventId={1} resources={[gloves]} canPledge={canPledge} whatToBring="" toolsProvided="" />);
const photoForm = (canUpload: boolean, photos: Photo[] = [photo]) =>
  renderToStaticMarkup(<PhotosSection eventId={1} photos={photos} canUpload={canUpload} meId={5} canModerate={false} />);
const comments = (open: boolean, meId: number | null) =>
  renderToStaticMarkup(<CommentsSection eventId={1} comments={[]} meId={meId} canModerate={false} open={open} closedNote="Comentários encerrados: o mutirão foi cancelado." />);

describe("the buttons follow the API's flags", () => {
  it("offers the pledge form only when can_pledge", () => {
    expect(pledgeForm(true)).toContain('aria-label="Levar Luvas"');
    expect(pledgeForm(true)).toContain("Eu levo");
    expect(pledgeForm(false)).not.toContain("<form");
    expect(pledgeForm(false)).toContain("faltam 7"); // the list itself stays
  });

  it("offers the photo upload only when can_post_photo", () => {
    expect(photoForm(true)).toContain('aria-label="Enviar foto"');
    expect(photoForm(false)).not.toContain("Enviar foto");
    expect(photoForm(false)).toContain("/media/photos/1/a.jpg");
    expect(photoForm(false, [])).toBe(""); // nothing to show and nothing to do
  });

  it("offers the comment form only when comments_open, to those signed in", () => {
    expect(comments(true, 5)).toContain('aria-label="Novo comentário"');
    expect(comments(true, null)).not.toContain("<form");
    expect(comments(true, null)).toContain("para comentar");
    for (const meId of [5, null]) {
      expect(comments(false, meId)).not.toContain("<form");
      expect(comments(false, meId)).toContain("Comentários encerrados");
    }
  });
});
