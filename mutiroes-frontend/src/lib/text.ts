/** Lower case without accents, for matching what people type ("joão" finds "JOAO"). */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
