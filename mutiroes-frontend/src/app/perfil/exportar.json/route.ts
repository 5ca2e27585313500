import { fileResponse } from "@/lib/api/client";
import { downloadExport } from "@/lib/api/users";

export async function GET(): Promise<Response> {
  return fileResponse(await downloadExport(), { contentType: "application/json; charset=utf-8", filename: "meus-dados-mutiroes.json" });
}
