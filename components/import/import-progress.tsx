import { cn } from "@/lib/utils";

export type ImportProgressProps = {
  label: string;
  /** 0–100 while uploading; `null` once the server is working and the end is unknown. */
  percent: number | null;
};

/** Upload progress, then an indeterminate bar while the server parses and writes. */
export function ImportProgress({ label, percent }: ImportProgressProps) {
  return (
    <div className="grid gap-1.5" aria-live="polite">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium text-foreground">{label}</span>
        {percent !== null ? <span className="text-muted-foreground tabular-nums">{Math.round(percent)}%</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent === null ? undefined : Math.round(percent)}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full bg-primary transition-[width] duration-200", percent === null && "w-full animate-pulse")}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
