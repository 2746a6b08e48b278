import { formatDateTime, formatRelative } from "@/lib/utils";

export type WhenProps = {
  /** Null reads "Never", e.g. a key or an identity that was never used. */
  value: Date | null;
  now: Date;
  /** Show the age ("3 days ago") with the exact time on hover, instead of the reverse. */
  relative?: boolean;
};

/** A moment in one form in the cell and the other on hover: expiry reads best as a date, last use as an age. */
export function When({ value, now, relative = false }: WhenProps) {
  if (!value) return <span className="text-muted-foreground">Never</span>;
  const exact = formatDateTime(value);
  const ago = formatRelative(value, now);
  return (
    <time dateTime={value.toISOString()} title={relative ? exact : ago}>
      {relative ? ago : exact}
    </time>
  );
}
