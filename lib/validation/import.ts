import { z } from "zod";
import { ENVIRONMENTS } from "@/db/schema/enums";

export const IMPORT_FORMATS = ["csv", "aws-credential-report", "k8s-serviceaccounts"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const importFormat = z.enum(IMPORT_FORMATS);

/** What each format is, in one line, for the Import page and the OpenAPI summary. */
export const IMPORT_FORMAT_INFO: Record<ImportFormat, { label: string; description: string; accept: string }> = {
  csv: {
    label: "Countersign CSV",
    description: "One identity per row in the documented column layout; any provider.",
    accept: ".csv,text/csv",
  },
  "aws-credential-report": {
    label: "AWS IAM credential report",
    description: "The CSV from `aws iam get-credential-report`: IAM users become identities, their access keys and certificates credentials.",
    accept: ".csv,text/csv",
  },
  "k8s-serviceaccounts": {
    label: "Kubernetes service accounts",
    description: "The JSON from `kubectl get serviceaccounts -A -o json`; legacy token secrets become credentials.",
    accept: ".json,application/json",
  },
};

/** The documented CSV layout (docs/import-csv.md); column order in a file is free. */
export const CSV_REQUIRED_COLUMNS = ["provider", "external_id", "name", "kind", "environment"] as const;
export const CSV_OPTIONAL_COLUMNS = ["classification", "owner_email", "status", "last_used_at", "description"] as const;

/** The example offered for download on the Import page and printed in the docs. */
export const CSV_EXAMPLE = [
  "provider,external_id,name,kind,environment,classification,owner_email,status,last_used_at,description",
  "aws,arn:aws:iam::123456789012:role/invoice-extractor,invoice-extractor,service_account,prod,privileged,priya.nair@example.com,active,2026-01-14T09:12:44Z,Reads supplier invoices for the accounts-payable agent",
  'gcp,invoice-ocr@acme-finance.iam.gserviceaccount.com,invoice-ocr,service_account,staging,utility,,,,"OCR worker; writes to BigQuery staging"',
  "github,app/312984,release-bot,bot,prod,,,,,",
].join("\n") + "\n";

/** Largest file the import accepts; bigger inventories are split into several imports. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** Where identities land when the file does not say. */
export const importEnvironment = z.enum(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(", ")}` });
export type ImportEnvironment = z.infer<typeof importEnvironment>;

const flag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

/** `?dryRun=true&environment=staging` on `POST /api/v1/import/{format}`. */
export const importQuery = z
  .object({
    dryRun: flag.default(false),
    environment: importEnvironment.default("prod"),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuery>;
