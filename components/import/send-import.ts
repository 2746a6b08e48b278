import type { ImportResult } from "@/lib/domain/import/types";
import type { ImportFormat } from "@/lib/validation/import";

export type Problem = { status: number; title: string; detail: string; errors?: { path: string; message: string }[] };
export type ImportResponse = { ok: true; result: ImportResult } | { ok: false; problem: Problem };

export type SendImportOptions = {
  format: ImportFormat;
  file: File;
  dryRun: boolean;
  environment: string;
  /** Bytes sent so far; the browser reports these while the body uploads. */
  onUploadProgress: (loaded: number, total: number) => void;
  /** The body is on the server; what remains is parsing and writing. */
  onUploaded: () => void;
};

/**
 * Posts the file as the raw body of `POST /api/v1/import/{format}`. XHR
 * rather than fetch because only XHR reports upload progress; the session
 * cookie and the same-origin Origin header go along as with any form post.
 */
export function sendImport(options: SendImportOptions): Promise<ImportResponse> {
  const { format, file, dryRun, environment } = options;
  const params = new URLSearchParams({ dryRun: String(dryRun), environment });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/import/${format}?${params}`);
    xhr.setRequestHeader("content-type", file.type || (format === "k8s-serviceaccounts" ? "application/json" : "text/csv"));
    xhr.upload.onprogress = (event) => options.onUploadProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => options.onUploaded();
    xhr.onload = () => resolve(toResponse(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, problem: networkProblem("The connection failed before the server answered.") });
    xhr.ontimeout = () => resolve({ ok: false, problem: networkProblem("The server took too long to answer.") });
    xhr.send(file);
  });
}

function toResponse(status: number, text: string): ImportResponse {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // a proxy error page or an empty body: handled as a problem below
  }
  if (status === 200 && body && typeof body === "object" && "totals" in body) return { ok: true, result: body as ImportResult };
  const problem = body && typeof body === "object" && "detail" in body ? (body as Problem) : null;
  return {
    ok: false,
    problem: problem ?? { status, title: "Import failed", detail: `The server answered ${status} without an explanation. Try again.` },
  };
}

function networkProblem(detail: string): Problem {
  return { status: 0, title: "Network error", detail };
}
