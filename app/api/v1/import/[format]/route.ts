import { importInventory } from "@/lib/domain/import/apply-import";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/server/route";
import { ROUTE_META, metaOf } from "@/lib/server/route-meta";
import { IMPORT_MAX_BYTES, importFormat, importQuery } from "@/lib/validation/import";

type Upload = { text: string; tooLarge: boolean };
type Context = { params: Promise<Record<string, string>> };

const uploads = new WeakMap<Request, () => Promise<Upload>>();

const handler = route(
  {
    path: "/api/v1/import/{format}",
    summary: "Import an inventory file (csv, aws-credential-report, k8s-serviceaccounts); the body is the file, ?dryRun=true previews",
    access: "import.run",
    query: importQuery,
    tag: "Import",
  },
  async ({ actor, query, params, request, requestId }) => {
    const format = importFormat.safeParse(params.format);
    if (!format.success) {
      throw new AppError("not_found", `Unknown import format ${JSON.stringify(String(params.format).slice(0, 40))}; use ${importFormat.options.join(", ")}`);
    }
    if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
      throw new AppError("bad_request", "Send the file itself as the request body (e.g. curl --data-binary @file), not as a multipart form");
    }
    const upload = await (uploads.get(request) ?? (() => readUpload(request.body)))();
    if (upload.tooLarge) return tooLarge(requestId);
    return importInventory(actor, format.data, upload.text, query);
  },
);

/**
 * The file is the raw body. A declared size over the limit is refused before
 * anything is read; an undeclared one is cut off at the limit while reading.
 */
export const POST = Object.assign(
  async (request: Request, context: Context) => {
    if (Number(request.headers.get("content-length") ?? 0) > IMPORT_MAX_BYTES) return tooLarge(crypto.randomUUID());
    return handler(withBoundedBody(request), context);
  },
  { [ROUTE_META]: metaOf(handler)! },
);

/**
 * route() reads the body as text (for idempotency fingerprints) before the
 * handler runs. Both must see the same single, size-bounded read, so `text()`
 * is replaced on this request by a memoised reader.
 */
function withBoundedBody(request: Request): Request {
  let upload: Promise<Upload> | undefined;
  const read = () => (upload ??= readUpload(request.body));
  uploads.set(request, read);
  Object.defineProperty(request, "text", { value: async () => (await read()).text });
  return request;
}

async function readUpload(body: ReadableStream<Uint8Array> | null): Promise<Upload> {
  if (!body) return { text: "", tooLarge: false };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > IMPORT_MAX_BYTES) {
      await reader.cancel();
      return { text: "", tooLarge: true };
    }
    parts.push(next.value);
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(parts)), tooLarge: false };
  } catch {
    throw new AppError("validation", "The file is not UTF-8 text; export it as UTF-8 and try again", [{ path: "(body)", message: "is not UTF-8" }]);
  }
}

function tooLarge(requestId: string): Response {
  const body = {
    type: "https://countersign.dev/problems/413",
    title: "Payload too large",
    status: 413,
    detail: `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into several imports`,
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status: 413,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId },
  });
}
