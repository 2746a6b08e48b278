import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";

export type MailTransport = Transporter<SMTPTransport.SentMessageInfo>;

/**
 * Bounded waits: a sender runs inside a job, and an SMTP server that accepts
 * the connection and then stalls must fail the attempt (pg-boss retries it)
 * rather than hold the worker for the socket's default two minutes.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * A transport for one `smtp://user:pass@host:port` or `smtps://…` URL. Query
 * parameters nodemailer understands (`?tls.rejectUnauthorized=false`,
 * `?requireTLS=true`…) override the defaults here. Takes the URL as an
 * argument so tests (and a future per-tenant setting) need not go through the
 * environment.
 */
export function createMailTransport(url: string): MailTransport {
  if (!/^smtps?:\/\//i.test(url)) throw new Error("SMTP URL must start with smtp:// or smtps://");
  // nodemailer's top-level createTransport drops every option beside a `url`;
  // the SMTP transport itself merges the URL over these defaults.
  return nodemailer.createTransport(new SMTPTransport({ url, ...TIMEOUTS, logger: false, debug: false }));
}

const holder = globalThis as { __csMail?: { url: string; transport: MailTransport } };

/** True when SMTP_URL is set: only then are e-mails queued at all. */
export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/** The deployment's transport from SMTP_URL, or null when e-mail is off. */
export function mailTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (holder.__csMail?.url !== url) holder.__csMail = { url, transport: createMailTransport(url) };
  return holder.__csMail.transport;
}

/** The sender address (SMTP_FROM). */
export function mailFrom(): string {
  return env().SMTP_FROM;
}

/** The configured server for log lines, without its credentials. */
export function mailServer(): string {
  const url = env().SMTP_URL;
  return url ? describeSmtpUrl(url) : "(e-mail off)";
}

/** For logs and error messages: the server without its credentials. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(unparseable SMTP URL)";
  }
}

/** Belt and braces for log lines: whatever a server echoes, the configured password never reaches a log. */
export function redactSmtpSecrets(text: string): string {
  const url = env().SMTP_URL;
  if (!url) return text;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? text.split(password).join("***") : text;
  } catch {
    return text;
  }
}
