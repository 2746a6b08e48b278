/** What one notification e-mail says; built without I/O so it is testable on its own. */
export type NotificationMessage = {
  to: { name: string; address: string };
  subject: string;
  text: string;
};

export type NotificationForMail = {
  title: string;
  body: string;
  link: string | null;
  recipient: { name: string; email: string };
};

/** Header values are single lines: a title with a line break must not start a new header. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/**
 * In-app links are paths (`/reviews?focus=…`); a mail client has no base, so
 * they become absolute against the deployment's public URL. A link that is not
 * a same-site path (protocol-relative, or another scheme) is left out rather
 * than sent on: notification links are ours, never user-supplied URLs.
 */
export function absoluteLink(link: string | null, baseUrl: string): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//")) return null;
  return `${baseUrl.replace(/\/$/, "")}${link}`;
}

export function composeNotificationMessage(n: NotificationForMail, baseUrl: string): NotificationMessage {
  const link = absoluteLink(n.link, baseUrl);
  const paragraphs = [n.body.trim(), link ? `Open in Countersign: ${link}` : "", "You receive this because you have an account on Countersign; the same message is in your in-app inbox."];
  return {
    to: { name: oneLine(n.recipient.name), address: n.recipient.email },
    subject: oneLine(n.title) || "Countersign notification",
    text: `${paragraphs.filter(Boolean).join("\n\n")}\n`,
  };
}
