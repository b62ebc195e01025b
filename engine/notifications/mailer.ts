// E-mail over SMTP with nodemailer. Off (null) when SMTP_URL is unset, so a shop
// without a mail server loses nothing but the e-mail copy of its inbox.
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiver can drop a copy sent twice after a crash. */
  messageId: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string; from: string }): Mailer | null {
  if (!options.smtpUrl) return null;
  const smtpUrl = options.smtpUrl;
  // nodemailer is loaded with the first e-mail, not at start-up.
  let transport: Promise<Transporter> | undefined;
  const open = () => (transport ??= import('nodemailer').then(({ default: nm }) => nm.createTransport(smtpUrl)));
  return {
    async send(message) {
      const info = await (
        await open()
      ).sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        attachments: message.attachments,
        // Chinese text is a third smaller in base64 than in quoted-printable.
        textEncoding: 'base64',
      });
      return { messageId: String(info.messageId) };
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
