import { fileResponse } from "@/lib/api/client";
import { downloadCertificate } from "@/lib/api/users";

export async function GET(): Promise<Response> {
  return fileResponse(await downloadCertificate(), { contentType: "application/pdf", filename: "certificado-mutiroes.pdf" });
}
