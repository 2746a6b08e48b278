import { ENVIRONMENTS } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import type { Environment, ImportCredential, ImportRow, ParseResult } from "../types";
import { RowError, clip, collectRows, parseTimestamp } from "./shared";

// RFC 1123 names, as the API server enforces them; anything else did not come from a real cluster.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ENVIRONMENT_ALIASES: Record<string, Environment> = {
  production: "prod",
  prd: "prod",
  stage: "staging",
  stg: "staging",
  development: "dev",
};
/** Large, and a copy of the whole manifest: nothing a reviewer needs. */
const DROPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

type Json = Record<string, unknown>;

/**
 * Parses `kubectl get serviceaccounts -A -o json` (a `List`), or one
 * ServiceAccount object. The "line" of a rejection is the 1-based item number.
 */
export function parseK8sServiceAccounts(text: string): ParseResult {
  const document = parseJson(text);
  const items = document.kind === "ServiceAccount" ? [document] : document.items;
  if (!Array.isArray(items)) {
    throw new AppError("validation", "Expected the output of `kubectl get serviceaccounts -A -o json`: an object with an items array", [
      { path: "items", message: "must be an array" },
    ]);
  }
  return collectRows(
    items.map((item: unknown, i) => ({ line: i + 1, item })),
    (item, line) => mapServiceAccount(item, line),
  );
}

function parseJson(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // V8 quotes the text around the error; report only where it is, never the content.
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec(error instanceof Error ? error.message : "")?.[0];
    throw new AppError("validation", `The file is not valid JSON${where ? ` (at ${where})` : ""}`, [{ path: "(body)", message: "is not valid JSON" }]);
  }
  if (!isObject(value)) throw new AppError("validation", "Expected a JSON object (a kubectl List)", [{ path: "(body)", message: "must be an object" }]);
  return value;
}

function mapServiceAccount(item: unknown, line: number): ImportRow {
  if (!isObject(item)) throw new RowError("item is not an object");
  if (item.kind !== undefined && item.kind !== "ServiceAccount") throw new RowError(`kind ${clip(String(item.kind))} is not a ServiceAccount`);
  const metadata = isObject(item.metadata) ? item.metadata : {};
  const name = requiredName(metadata.name, "metadata.name", NAME);
  const namespace = requiredName(metadata.namespace, "metadata.namespace", NAMESPACE);
  const createdAt = typeof metadata.creationTimestamp === "string" ? parseTimestamp(metadata.creationTimestamp, "metadata.creationTimestamp") : null;
  const labels = stringMap(metadata.labels, "metadata.labels");
  const annotations = stringMap(metadata.annotations, "metadata.annotations");
  for (const key of DROPPED_ANNOTATIONS) delete annotations[key];

  return {
    line,
    provider: "kubernetes",
    externalId: `system:serviceaccount:${namespace}:${name}`,
    name: `${namespace}/${name}`,
    kind: "service_account",
    environment: environmentOf(labels),
    classification: null,
    ownerEmail: null,
    status: null,
    description: null,
    lastUsedAt: null,
    humanUseSeenAt: null,
    attributes: {
      namespace,
      ...(typeof metadata.uid === "string" ? { uid: metadata.uid } : {}),
      ...(typeof item.automountServiceAccountToken === "boolean" ? { automountServiceAccountToken: item.automountServiceAccountToken } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    credentials: tokenSecrets(item.secrets, namespace, createdAt),
  };
}

/**
 * Secrets listed on a ServiceAccount are legacy long-lived token secrets
 * (clusters since 1.24 no longer create them), which is exactly what OWASP
 * NHI7 asks to find. The secret's own age is not in this output, so the
 * account's creation time stands in.
 */
function tokenSecrets(value: unknown, namespace: string, createdAt: Date | null): ImportCredential[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RowError("secrets: must be an array");
  return value.map((secret: unknown, i) => {
    const name = requiredName(isObject(secret) ? secret.name : undefined, `secrets[${i}].name`, NAME);
    return {
      kind: "token",
      name,
      fingerprint: null,
      location: `secret/${namespace}/${name}`,
      issuedAt: createdAt,
      lastRotatedAt: null,
      lastUsedAt: null,
      expiresAt: null,
      status: "active",
    };
  });
}

/** An `environment`/`env` label, when it names one; otherwise the import's default applies. */
function environmentOf(labels: Record<string, string>): Environment | null {
  const raw = (labels.environment ?? labels.env ?? "").toLowerCase();
  const value = ENVIRONMENT_ALIASES[raw] ?? raw;
  return (ENVIRONMENTS as readonly string[]).includes(value) ? (value as Environment) : null;
}

function requiredName(value: unknown, path: string, shape: RegExp): string {
  if (typeof value !== "string" || value === "") throw new RowError(`${path} is missing`);
  if (!shape.test(value)) throw new RowError(`${path}: "${clip(value)}" is not a valid Kubernetes name`);
  return value;
}

function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RowError(`${path}: must be an object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new RowError(`${path}.${clip(k)}: must be a string`);
    out[k] = v;
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
