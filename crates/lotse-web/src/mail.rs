//! E-mail: composing mails in the recipient's language, queueing them in the outbox,
//! and the background sender that delivers them over SMTP or, without an SMTP server,
//! writes them as `.eml` files.

use crate::i18n::Lang;
use askama::Template;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use lotse_store::{Db, StoreResult, outbox};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// What kind of mail to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Confirm a new account's address.
    Confirm,
    /// Set a new password.
    Reset,
    /// Somebody asked to reset the password of an address nobody registered.
    ResetUnknown,
    /// Join a company.
    Invite,
    /// A seat is confirmed.
    BookingConfirmed,
    /// A place on the waitlist.
    BookingWaitlisted,
    /// A seat freed up and is now the person's.
    BookingPromoted,
    /// A registration was cancelled.
    BookingCancelled,
    /// The session was called off.
    SessionCancelled,
    /// The session is in two days.
    Reminder,
    /// The way to join an online session changed.
    JoinChanged,
    /// An online session starts soon: how to join it.
    StartsSoon,
    /// Confirm the address that asked to hear of new dates of an offering.
    DatesConfirm,
    /// An offering someone waits for has new dates.
    NewDates,
    /// A webhook subscription was switched off after failures in a row.
    WebhookSwitchedOff,
    /// A session ended: how was it? With the link to its evaluation form.
    EvaluationInvite,
}

impl MailKind {
    fn key(self) -> &'static str {
        match self {
            MailKind::Confirm => "confirm",
            MailKind::Reset => "reset",
            MailKind::ResetUnknown => "reset-unknown",
            MailKind::Invite => "invite",
            MailKind::BookingConfirmed => "booking-confirmed",
            MailKind::BookingWaitlisted => "booking-waitlisted",
            MailKind::BookingPromoted => "booking-promoted",
            MailKind::BookingCancelled => "booking-cancelled",
            MailKind::SessionCancelled => "session-cancelled",
            MailKind::Reminder => "reminder",
            MailKind::JoinChanged => "join-changed",
            MailKind::StartsSoon => "starts-soon",
            MailKind::DatesConfirm => "dates-confirm",
            MailKind::NewDates => "new-dates",
            MailKind::WebhookSwitchedOff => "webhook-off",
            MailKind::EvaluationInvite => "evaluation-invite",
        }
    }
}

#[derive(Template)]
#[template(path = "mail.html")]
struct MailHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    link: Option<&'a str>,
    link_label: &'a str,
    footer: &'a str,
}

/// A composed mail.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Composed {
    pub subject: String,
    /// Plain text.
    pub text: String,
    pub html: String,
}

/// Writes a mail of `kind` in `lang` to `name`, with an optional link and an
/// organization name for invitations.
pub fn compose(
    lang: Lang,
    kind: MailKind,
    name: &str,
    link: Option<&str>,
    organization: &str,
) -> Composed {
    compose_with(
        lang,
        kind,
        name,
        link,
        &[("organization", organization.to_owned())],
    )
}

/// Like [`compose`], with further message arguments such as `offering` and `when`.
pub fn compose_with(
    lang: Lang,
    kind: MailKind,
    name: &str,
    link: Option<&str>,
    extra: &[(&'static str, String)],
) -> Composed {
    compose_with_more(lang, kind, name, link, extra, &[])
}

/// Like [`compose_with`], with `more` paragraphs after the body (such as how to join
/// an online session).
pub fn compose_with_more(
    lang: Lang,
    kind: MailKind,
    name: &str,
    link: Option<&str>,
    extra: &[(&'static str, String)],
    more: &[String],
) -> Composed {
    let k = kind.key();
    let shown_name = if name.trim().is_empty() { "none" } else { name };
    let mut args: Vec<(
        &'static str,
        fluent_templates::fluent_bundle::FluentValue<'static>,
    )> = vec![("name", shown_name.to_owned().into())];
    args.extend(extra.iter().map(|(k, v)| (*k, v.clone().into())));
    let subject = lang.t_args(&format!("mail-{k}-subject"), &args);
    let greeting = lang.t_args("mail-greeting", &args);
    let paragraphs: Vec<String> = lang
        .t_args(&format!("mail-{k}-body"), &args)
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .chain(more.iter().cloned())
        .collect();
    let link_label = lang.t(&format!("mail-{k}-action"));
    let center = crate::site_content::Site::current().name().to_owned();
    let footer = lang.t_args("mail-footer", &[("center", center.into())]);
    let mut text = format!("{greeting}\n\n{}\n\n", paragraphs.join("\n\n"));
    if let Some(link) = link {
        text.push_str(&format!("{link_label}:\n{link}\n\n"));
    }
    text.push_str(&format!("-- \n{footer}\n"));
    let html = MailHtml {
        lang: lang.code(),
        subject: &subject,
        greeting: &greeting,
        paragraphs: &paragraphs,
        link,
        link_label: &link_label,
        footer: &footer,
    }
    .render()
    .unwrap_or_else(|_| format!("<pre>{}</pre>", text.replace('<', "&lt;")));
    Composed {
        subject,
        text,
        html,
    }
}

/// Queues a composed mail and wakes the sender.
pub async fn send_later(db: &Db, wake: &Notify, to: &str, mail: &Composed) -> StoreResult<()> {
    send_later_with(db, wake, to, mail, None).await
}

/// Queues a composed mail with an optional calendar file and wakes the sender.
pub async fn send_later_with(
    db: &Db,
    wake: &Notify,
    to: &str,
    mail: &Composed,
    ics: Option<&str>,
) -> StoreResult<()> {
    outbox::enqueue_with(
        db,
        to,
        &mail.subject,
        &mail.text,
        &mail.html,
        ics,
        lotse_store::now_seconds(),
    )
    .await?;
    wake.notify_one();
    Ok(())
}
/// Where mail goes.
pub enum Transport {
    /// An SMTP server, and how the log names it.
    Smtp(AsyncSmtpTransport<Tokio1Executor>, String),
    /// `.eml` files in a folder.
    Folder(PathBuf, AsyncFileTransport<Tokio1Executor>),
}

/// How lotse reaches its mail relay.
#[derive(Debug, Clone, Default)]
pub struct RelaySettings {
    /// `smtp://[user[:password]@]host[:port][?tls=starttls|opportunistic|none]` or
    /// `smtps://…`; without it mails are written to the mail folder.
    pub url: Option<String>,
    /// The password, when it should not stand in the URL (`LOTSE_SMTP_PASSWORD`).
    pub password: Option<String>,
    /// A PEM file with a further root certificate to trust (a relay with an internal
    /// certificate authority); the public roots are trusted anyway.
    pub ca_file: Option<PathBuf>,
}

impl Transport {
    /// SMTP when `relay.url` is given, else `.eml` files in `folder`.
    pub fn new(relay: &RelaySettings, folder: PathBuf) -> Result<Self, String> {
        match &relay.url {
            Some(url) => {
                let target = parse_smtp_url(url)?;
                let mut builder =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(target.host.clone())
                        .port(target.port)
                        .timeout(Some(Duration::from_secs(20)));
                if target.security != Security::Plain {
                    let mut tls = TlsParameters::builder(target.host.clone());
                    if let Some(path) = &relay.ca_file {
                        let pem = std::fs::read(path).map_err(|e| {
                            format!(
                                "smtp_ca_file / LOTSE_SMTP_CA_FILE: cannot read {}: {e}",
                                path.display()
                            )
                        })?;
                        let certificate = Certificate::from_pem(&pem).map_err(|e| {
                            format!("smtp_ca_file / LOTSE_SMTP_CA_FILE: {}: {e}", path.display())
                        })?;
                        tls = tls.add_root_certificate(certificate);
                    }
                    let tls = tls
                        .build_rustls()
                        .map_err(|e| format!("LOTSE_SMTP_URL: TLS: {e}"))?;
                    builder = builder.tls(match target.security {
                        Security::Tls => Tls::Wrapper(tls),
                        Security::StartTls => Tls::Required(tls),
                        Security::Opportunistic => Tls::Opportunistic(tls),
                        Security::Plain => Tls::None,
                    });
                }
                let described = target.describe();
                let password = relay.password.clone().or(target.password);
                if let Some(user) = target.user {
                    builder = builder.credentials(
                        lettre::transport::smtp::authentication::Credentials::new(
                            user,
                            password.unwrap_or_default(),
                        ),
                    );
                }
                Ok(Transport::Smtp(builder.build(), described))
            }
            None => {
                std::fs::create_dir_all(&folder).map_err(|e| {
                    format!("LOTSE_MAIL_DIR: cannot create {}: {e}", folder.display())
                })?;
                let files = AsyncFileTransport::<Tokio1Executor>::new(&folder);
                Ok(Transport::Folder(folder, files))
            }
        }
    }

    /// A description for the log (never the password).
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(_, described) => described.clone(),
            Transport::Folder(folder, _) => format!(
                "no LOTSE_SMTP_URL: mails are written as .eml files to {}",
                folder.display()
            ),
        }
    }

    /// Whether mail can go out now: the relay answers (TLS and sign-in included), or
    /// the folder takes files. The error says why not.
    pub async fn check(&self) -> Result<(), String> {
        match self {
            Transport::Smtp(t, _) => match t.test_connection().await {
                Ok(true) => Ok(()),
                Ok(false) => Err("the relay did not answer NOOP".into()),
                Err(e) => Err(e.to_string()),
            },
            Transport::Folder(folder, _) => {
                let probe = folder.join(".lotse-probe");
                std::fs::write(&probe, b"")
                    .and_then(|()| std::fs::remove_file(&probe))
                    .map_err(|e| format!("{}: {e}", folder.display()))
            }
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(t, _) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Folder(_, t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP (a relay on loopback or in the same trusted network).
    Plain,
    /// STARTTLS, required: no mail goes out unencrypted (port 587).
    StartTls,
    /// STARTTLS where the relay offers it, plain otherwise.
    Opportunistic,
    /// TLS from the first byte (`smtps://`, port 465).
    Tls,
}

/// A relay as its URL names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    /// Host name (checked against the certificate) or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Protection.
    pub security: Security,
    /// User name, percent-decoded.
    pub user: Option<String>,
    /// Password, percent-decoded.
    pub password: Option<String>,
}

impl SmtpTarget {
    fn describe(&self) -> String {
        let security = match self.security {
            Security::Plain => "plain SMTP",
            Security::StartTls => "SMTP with STARTTLS (required)",
            Security::Opportunistic => "SMTP with STARTTLS where offered",
            Security::Tls => "SMTP over TLS",
        };
        format!("{security} to {}:{}", self.host, self.port)
    }
}

/// Reads `smtp://[user[:password]@]host[:port][?tls=…]` or `smtps://…`: STARTTLS is
/// required with `tls=starttls` (or `required`), and by default on port 587;
/// `tls=opportunistic` uses it where offered, `tls=none` never; `smtps://` speaks TLS
/// from the start (default port 465). User and password are percent-decoded.
pub fn parse_smtp_url(raw: &str) -> Result<SmtpTarget, String> {
    let url = url::Url::parse(raw).map_err(|_| {
        "LOTSE_SMTP_URL: must look like smtp://host:port or smtps://host".to_owned()
    })?;
    let tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let (security, default_port) = match (url.scheme(), tls.as_deref()) {
        ("smtps", None | Some("tls")) => (Security::Tls, 465),
        ("smtp", None) => match url.port() {
            Some(587) => (Security::StartTls, 587),
            _ => (Security::Plain, 25),
        },
        ("smtp", Some("starttls" | "required")) => (Security::StartTls, 587),
        ("smtp", Some("opportunistic")) => (Security::Opportunistic, 587),
        ("smtp", Some("none")) => (Security::Plain, 25),
        ("smtp" | "smtps", Some(other)) => {
            return Err(format!(
                "LOTSE_SMTP_URL: tls={other} is unknown; use starttls, opportunistic or none (or smtps://)"
            ));
        }
        (other, _) => {
            return Err(format!(
                "LOTSE_SMTP_URL: the scheme {other}: is unknown; use smtp:// or smtps://"
            ));
        }
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| "LOTSE_SMTP_URL: the host is missing".to_owned())?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| "LOTSE_SMTP_URL: user or password is not UTF-8 once decoded".to_owned())
    };
    let user = match url.username() {
        "" => None,
        name => Some(decode(name)?),
    };
    let password = url.password().map(decode).transpose()?;
    Ok(SmtpTarget {
        host,
        port: url.port().unwrap_or(default_port),
        security,
        user,
        password,
    })
}

/// Delay before the next attempt after `attempts` failures: 30 s doubling, at most 6 h.
pub fn backoff_seconds(attempts: i64) -> i64 {
    let exponent = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (30_i64 << exponent).min(6 * 60 * 60)
}

/// Sends due mails until `stop` is notified; wakes on `wake` or every two seconds.
pub async fn run_sender(
    db: Db,
    transport: Arc<Transport>,
    from: Mailbox,
    wake: Arc<Notify>,
    stop: Arc<Notify>,
) {
    loop {
        if let Err(e) = send_due(&db, &transport, &from).await {
            tracing::warn!(error = %e, "mail sender could not read the outbox");
        }
        tokio::select! {
            () = wake.notified() => {},
            () = tokio::time::sleep(Duration::from_secs(2)) => {},
            () = stop.notified() => return,
        }
    }
}

/// The body: plain text and HTML, plus the calendar file if there is one.
fn body(mail: &outbox::Mail) -> MultiPart {
    let text = MultiPart::alternative_plain_html(mail.text_body.clone(), mail.html_body.clone());
    match &mail.ics {
        None => text,
        Some(ics) => {
            let content_type = lettre::message::header::ContentType::parse(
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
            .unwrap_or(lettre::message::header::ContentType::TEXT_PLAIN);
            MultiPart::mixed().multipart(text).singlepart(
                lettre::message::Attachment::new("termin.ics".to_owned())
                    .body(ics.clone(), content_type),
            )
        }
    }
}

/// Sends every mail that is due now; returns how many were sent.
pub async fn send_due(db: &Db, transport: &Transport, from: &Mailbox) -> StoreResult<usize> {
    let now = lotse_store::now_seconds();
    let mut sent = Vec::new();
    for mail in outbox::claim_due(db, now, 20, 120).await? {
        let message = mail
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| e.to_string())
            .and_then(|to| {
                let mut builder = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(mail.subject.clone());
                // One-click unsubscribe (RFC 8058): mail programs offer it, and post to
                // the address without the person signing in.
                if let Some(address) = &mail.list_unsubscribe {
                    builder = builder
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe"),
                            format!("<{address}>"),
                        ))
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                            "List-Unsubscribe=One-Click".to_owned(),
                        ));
                }
                builder.multipart(body(&mail)).map_err(|e| e.to_string())
            });
        let result = match message {
            Ok(message) => transport.send(message).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => sent.push(mail.id),
            Err(error) => {
                metrics::counter!("lotse_mail_failed_attempts_total").increment(1);
                let next = lotse_store::now_seconds() + backoff_seconds(mail.attempts);
                tracing::warn!(mail = %mail.id, attempts = mail.attempts + 1, %error, "mail not sent; will retry");
                outbox::mark_failed(db, mail.id, &error, next).await?;
            }
        }
    }
    // Within the claim's lease, so no other sender takes these meanwhile.
    outbox::mark_sent(db, &sent, lotse_store::now_seconds()).await?;
    metrics::counter!("lotse_mail_sent_total").increment(sent.len() as u64);
    Ok(sent.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_read_and_bad_ones_refused() {
        let target = |url: &str| {
            parse_smtp_url(url).map(|t| (t.host, t.port, t.security, t.user, t.password))
        };
        assert_eq!(
            target("smtp://127.0.0.1:2525"),
            Ok(("127.0.0.1".into(), 2525, Security::Plain, None, None))
        );
        assert_eq!(
            target("smtp://lotse%40zentrum.de:ge%3Aheim%2F1@mail.example:587"),
            Ok((
                "mail.example".into(),
                587,
                Security::StartTls,
                Some("lotse@zentrum.de".into()),
                Some("ge:heim/1".into())
            ))
        );
        assert_eq!(
            target("smtp://mail.example?tls=starttls").map(|t| (t.1, t.2)),
            Ok((587, Security::StartTls))
        );
        assert_eq!(
            target("smtp://mail.example:2587?tls=opportunistic").map(|t| (t.1, t.2)),
            Ok((2587, Security::Opportunistic))
        );
        assert_eq!(
            target("smtps://mail.example").map(|t| (t.1, t.2)),
            Ok((465, Security::Tls))
        );
        assert_eq!(
            target("smtp://relay.intern:587?tls=none").map(|t| (t.1, t.2)),
            Ok((587, Security::Plain))
        );
        for bad in [
            "smtp://:25",
            "smtp://host:port",
            "http://mail.example",
            "smtp://mail.example?tls=vielleicht",
            "mail.example:25",
        ] {
            assert!(parse_smtp_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_seconds(0), 30);
        assert_eq!(backoff_seconds(1), 60);
        assert_eq!(backoff_seconds(3), 240);
        assert_eq!(backoff_seconds(50), 6 * 60 * 60);
    }

    #[test]
    fn mails_come_in_the_recipients_language_with_the_link_in_both_parts() {
        let de = compose(
            Lang::De,
            MailKind::Confirm,
            "Anna",
            Some("https://lotse.example/konto/bestaetigen?token=abc"),
            "",
        );
        assert!(de.subject.contains("E-Mail-Adresse"), "{}", de.subject);
        assert!(de.text.contains("Anna") && de.text.contains("token=abc"));
        assert!(
            de.html
                .contains("href=\"https://lotse.example/konto/bestaetigen?token&#61;abc\"")
                || de.html.contains("token=abc"),
            "{}",
            de.html
        );
        let en = compose(
            Lang::En,
            MailKind::Confirm,
            "Anna",
            Some("https://x.example/"),
            "",
        );
        assert_ne!(en.subject, de.subject);
        assert!(en.html.contains("lang=\"en\""));
    }
}
