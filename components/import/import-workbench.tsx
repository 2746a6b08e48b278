"use client";

import * as React from "react";
import { toast } from "sonner";
import { InlineAlert } from "@/components/lists/list-controls";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ImportResult } from "@/lib/domain/import/types";
import {
  IMPORT_FORMATS,
  IMPORT_FORMAT_INFO,
  IMPORT_MAX_BYTES,
  type ImportEnvironment,
  type ImportFormat,
  importEnvironment,
} from "@/lib/validation/import";
import { CsvFormatHelp } from "./csv-format-help";
import { FileDrop, formatBytes } from "./file-drop";
import { ImportProgress } from "./import-progress";
import { ImportResultView } from "./import-result";
import { type Problem, sendImport } from "./send-import";

type Busy = { dryRun: boolean; percent: number | null };

/**
 * Choose a format and file → preview (a dry run on the server) → apply. Apply
 * stays disabled until a preview of exactly this file, format and environment
 * succeeded, so nobody writes an inventory they have not looked at.
 */
export function ImportWorkbench() {
  const [format, setFormat] = React.useState<ImportFormat>("csv");
  const [environment, setEnvironment] = React.useState<ImportEnvironment>("prod");
  const [file, setFile] = React.useState<File | null>(null);
  const [busy, setBusy] = React.useState<Busy | null>(null);
  const [problem, setProblem] = React.useState<Problem | null>(null);
  const [preview, setPreview] = React.useState<ImportResult | null>(null);
  const [applied, setApplied] = React.useState<ImportResult | null>(null);
  const info = IMPORT_FORMAT_INFO[format];

  function reset() {
    setPreview(null);
    setApplied(null);
    setProblem(null);
  }

  function chooseFile(next: File | null) {
    reset();
    if (next && next.size > IMPORT_MAX_BYTES) {
      setFile(null);
      setProblem({ status: 413, title: "File too large", detail: `${next.name} is ${formatBytes(next.size)}; the limit is ${formatBytes(IMPORT_MAX_BYTES)}. Split it into several imports.` });
      return;
    }
    setFile(next);
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setProblem(null);
    setBusy({ dryRun, percent: 0 });
    const response = await sendImport({
      format,
      file,
      dryRun,
      environment,
      onUploadProgress: (loaded, total) => setBusy({ dryRun, percent: total > 0 ? (loaded / total) * 100 : null }),
      onUploaded: () => setBusy({ dryRun, percent: null }),
    });
    setBusy(null);
    if (!response.ok) {
      setProblem(response.problem);
      if (!dryRun) toast.error("Import failed: nothing was written.");
      return;
    }
    if (dryRun) {
      setPreview(response.result);
      setApplied(null);
      return;
    }
    const t = response.result.totals;
    setApplied(response.result);
    setPreview(null);
    toast.success(`Imported: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged, ${t.rejected} rejected.`);
  }

  const writing = preview ? preview.totals.created + preview.totals.updated : 0;
  const busyLabel = !busy
    ? ""
    : busy.percent !== null
      ? `Uploading ${file ? formatBytes(file.size) : ""}…`
      : busy.dryRun
        ? "Checking every row…"
        : `Writing ${writing.toLocaleString()} rows…`;

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Import a file</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Format" htmlFor="import-format" hint={info.description}>
              <Select
                value={format}
                disabled={Boolean(busy)}
                onChange={(event) => {
                  setFormat(event.target.value as ImportFormat);
                  reset();
                }}
              >
                {IMPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {IMPORT_FORMAT_INFO[f].label}
                  </option>
                ))}
              </Select>
            </Field>
            {format === "csv" ? null : (
              <Field label="Environment" htmlFor="import-environment" hint="For new identities the file does not place (a Kubernetes env label wins); existing ones keep theirs.">
                <Select
                  value={environment}
                  disabled={Boolean(busy)}
                  onChange={(event) => {
                    setEnvironment(event.target.value as ImportEnvironment);
                    reset();
                  }}
                >
                  {importEnvironment.options.map((e) => (
                    <option key={e} value={e}>
                      {e}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </div>
          {format === "csv" ? <CsvFormatHelp /> : null}
          <FileDrop id="import-file" accept={info.accept} file={file} onFile={chooseFile} disabled={Boolean(busy)} />
          {busy ? <ImportProgress label={busyLabel} percent={busy.percent} /> : null}
          {problem ? (
            <InlineAlert title={problem.title === "Invalid input" ? "The file cannot be imported" : problem.title}>
              <p>{problem.detail}</p>
              {problem.errors && problem.errors.length > 1 ? (
                <ul className="mt-1 list-disc pl-5">
                  {problem.errors.map((e) => (
                    <li key={e.path}>
                      <code>{e.path}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </InlineAlert>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end">
          <Button variant="outline" disabled={!file || Boolean(busy)} loading={busy?.dryRun === true} onClick={() => void run(true)}>
            Preview import
          </Button>
          <Button disabled={!preview || Boolean(busy)} loading={busy?.dryRun === false} onClick={() => void run(false)}>
            Apply import
          </Button>
        </CardFooter>
      </Card>

      {preview ? (
        <section aria-labelledby="import-preview-heading" className="grid gap-3">
          <h2 id="import-preview-heading" className="text-base font-semibold">
            Preview: nothing has been written yet
          </h2>
          <ImportResultView result={preview} />
        </section>
      ) : null}
      {applied ? (
        <section aria-labelledby="import-applied-heading" className="grid gap-3">
          <h2 id="import-applied-heading" className="text-base font-semibold">
            Imported
          </h2>
          <ImportResultView result={applied} />
        </section>
      ) : null}
    </div>
  );
}
