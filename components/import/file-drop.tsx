"use client";

import * as React from "react";
import { FileUp } from "lucide-react";
import { cn, focusRing } from "@/lib/utils";

export type FileDropProps = {
  id: string;
  accept: string;
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
  describedBy?: string;
};

/** A file input that also takes a file dropped onto it; the native input stays focusable for keyboards. */
export function FileDrop({ id, accept, file, onFile, disabled, describedBy }: FileDropProps) {
  const [over, setOver] = React.useState(false);
  const inputRef = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    if (!file && inputRef.current) inputRef.current.value = "";
  }, [file]);

  return (
    <label
      htmlFor={id}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (!disabled) onFile(event.dataTransfer.files[0] ?? null);
      }}
      className={cn(
        "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-input bg-card px-6 py-8 text-center transition-colors",
        "focus-within:ring-2 focus-within:ring-ring focus-within:ring-offset-2 focus-within:ring-offset-background",
        over && "border-primary bg-accent/60",
        disabled && "pointer-events-none opacity-60",
      )}
    >
      <FileUp aria-hidden="true" className="size-6 text-muted-foreground" />
      {file ? (
        <span className="text-sm">
          <span className="font-medium text-foreground">{file.name}</span>
          <span className="text-muted-foreground"> · {formatBytes(file.size)}</span>
        </span>
      ) : (
        <span className="text-sm text-muted-foreground">
          <span className="font-medium text-primary">Choose a file</span> or drop it here
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        aria-describedby={describedBy}
        className={cn("sr-only", focusRing)}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
    </label>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
