//! An email as it came in, read with `mail-parser`: who sent it, its subject and text (charset
//! decoded), its attachments, the ids that thread it, and whether a person wrote it at all.

use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders};

/// What the support desk takes from an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    pub from_address: String,
    pub from_name: Option<String>,
    /// Every address it was sent to (To and Cc), in lower case.
    pub recipients: Vec<String>,
    pub subject: String,
    pub text: String,
    /// `Message-ID` with its angle brackets (`<id@host>`); one is made from the message's
    /// hash when it has none, so a repeat is still seen as one.
    pub message_id: String,
    /// `In-Reply-To` then `References`, newest first, each `<id@host>`.
    pub thread: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// An auto-reply, a bounce, a list's mail: never a ticket, never answered.
    pub automatic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: Option<String>,
    pub size: u64,
}

/// Why an email cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("the body is not an email (RFC 5322)")]
    NotEmail,
    #[error("the email names no sender (`From`)")]
    NoSender,
}

/// How much of a message's text a ticket keeps.
pub const TEXT_LIMIT: usize = 20_000;
/// The longest `Message-ID` kept as sent (a longer one is replaced by the message's hash,
/// which an index can hold), and how many ids of a thread are followed.
const ID_LIMIT: usize = 250;
const THREAD_LIMIT: usize = 20;
/// The longest address a customer may have, and how many attachments a message lists.
const ADDRESS_LIMIT: usize = 254;
const ATTACHMENT_LIMIT: usize = 50;

pub fn parse(raw: &[u8]) -> Result<Inbound, Unreadable> {
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.headers().is_empty())
        .ok_or(Unreadable::NotEmail)?;
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address().map(|address| (address, a.name())))
        .filter(|(address, _)| address.contains('@') && address.len() <= ADDRESS_LIMIT)
        .ok_or(Unreadable::NoSender)?;
    let text = message
        .body_text(0)
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    Ok(Inbound {
        from_address: from.0.trim().to_lowercase(),
        from_name: from
            .1
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        recipients: recipients(&message),
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        text: text.chars().take(TEXT_LIMIT).collect(),
        message_id: message
            .message_id()
            .map(bracketed)
            .filter(|id| id.len() <= ID_LIMIT)
            .unwrap_or_else(|| hashed_id(raw)),
        thread: thread(&message),
        attachments: message
            .attachments()
            .take(ATTACHMENT_LIMIT)
            .map(|part| Attachment {
                name: part
                    .attachment_name()
                    .unwrap_or("attachment")
                    .chars()
                    .take(255)
                    .collect(),
                content_type: part.content_type().map(|t| match t.subtype() {
                    Some(sub) => format!("{}/{sub}", t.ctype()),
                    None => t.ctype().to_owned(),
                }),
                size: part.contents().len() as u64,
            })
            .collect(),
        automatic: automatic(&message, from.0),
    })
}

fn bracketed(id: &str) -> String {
    format!(
        "<{}>",
        id.trim().trim_start_matches('<').trim_end_matches('>')
    )
}

/// A stable id for a message without one: the same bytes twice are the same message.
fn hashed_id(raw: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(raw);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("<{hex}@no-message-id.retaguarda>")
}

fn recipients(message: &Message<'_>) -> Vec<String> {
    message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|address| address.iter())
        .filter_map(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .collect()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![bracketed(id)],
        HeaderValue::TextList(ids) => ids.iter().map(|id| bracketed(id)).collect(),
        _ => Vec::new(),
    }
}

fn thread(message: &Message<'_>) -> Vec<String> {
    let mut thread = ids(message.in_reply_to());
    let mut references = ids(message.references());
    references.reverse();
    for id in references {
        if !thread.contains(&id) {
            thread.push(id);
        }
    }
    thread.retain(|id| id.len() <= ID_LIMIT);
    thread.truncate(THREAD_LIMIT);
    thread
}

/// RFC 3834's `Auto-Submitted`, the older `Precedence` and `X-Auto*` headers, delivery status
/// reports (RFC 3464) and mail from a mailer daemon.
fn automatic(message: &Message<'_>, from: &str) -> bool {
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let auto_submitted = header("Auto-Submitted").is_some_and(|v| v != "no");
    let bulk = header("Precedence")
        .is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply"));
    let flagged = ["X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"]
        .iter()
        .any(|name| header(name).is_some())
        || header("List-Id").is_some();
    let report = message.content_type().is_some_and(|t| {
        t.ctype().eq_ignore_ascii_case("multipart")
            && t.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let local = from
        .split('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let daemon = matches!(local.as_str(), "mailer-daemon" | "postmaster");
    auto_submitted || bulk || flagged || report || daemon
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SPANISH: &[u8] = b"From: =?UTF-8?Q?Mar=C3=ADa_G=C3=B3mez?= <Maria@Example.ES>\r\n\
To: soporte@tienda.example\r\n\
Subject: =?ISO-8859-1?Q?Devoluci=F3n_del_pedido_1042?=\r\n\
Message-ID: <abc123@example.es>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=ISO-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Quiero devolver el pedido 1042: la camiseta lleg=F3 rota. =BFC=F3mo hago?\r\n\
--b1\r\n\
Content-Type: image/jpeg; name=\"foto.jpg\"\r\n\
Content-Disposition: attachment; filename=\"foto.jpg\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
/9j/4AAQSkZJRgABAQ==\r\n\
--b1--\r\n";

    #[test]
    fn a_spanish_email_reads_with_its_accents_and_attachment() {
        let email = parse(SPANISH).unwrap();
        assert_eq!(email.from_address, "maria@example.es");
        assert_eq!(email.from_name.as_deref(), Some("María Gómez"));
        assert_eq!(email.subject, "Devolución del pedido 1042");
        assert!(
            email.text.contains("llegó rota. ¿Cómo hago?"),
            "{}",
            email.text
        );
        assert_eq!(email.message_id, "<abc123@example.es>");
        assert_eq!(email.recipients, ["soporte@tienda.example"]);
        assert_eq!(email.attachments.len(), 1);
        assert_eq!(email.attachments[0].name, "foto.jpg");
        assert_eq!(
            email.attachments[0].content_type.as_deref(),
            Some("image/jpeg")
        );
        assert!(!email.automatic);
    }

    #[test]
    fn replies_thread_by_in_reply_to_then_references() {
        let raw = b"From: a@b.example\r\nTo: s@t.example\r\nSubject: Re: x\r\n\
In-Reply-To: <two@t.example>\r\nReferences: <one@t.example> <two@t.example>\r\n\r\nok\r\n";
        let email = parse(raw).unwrap();
        assert_eq!(email.thread, ["<two@t.example>", "<one@t.example>"]);
        // No Message-ID: the same bytes give the same made-up one.
        assert_eq!(email.message_id, parse(raw).unwrap().message_id);
    }

    #[test]
    fn auto_replies_and_bounces_are_automatic() {
        for header in [
            "Auto-Submitted: auto-replied",
            "Precedence: bulk",
            "X-Autoreply: yes",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=x",
        ] {
            let raw = format!("From: a@b.example\r\nSubject: Fora\r\n{header}\r\n\r\nout\r\n");
            assert!(parse(raw.as_bytes()).unwrap().automatic, "{header}");
        }
        let daemon = b"From: MAILER-DAEMON@b.example\r\nSubject: Undelivered\r\n\r\nx\r\n";
        assert!(parse(daemon).unwrap().automatic);
        let person = b"From: a@b.example\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nx\r\n";
        assert!(!parse(person).unwrap().automatic);
    }

    #[test]
    fn what_could_not_be_kept_is_cut_to_size() {
        let long_id = format!("<{}@x.example>", "a".repeat(300));
        let refs: Vec<String> = (0..40).map(|i| format!("<{i}@x.example>")).collect();
        let raw = format!(
            "From: a@b.example\r\nMessage-ID: {long_id}\r\nReferences: {}\r\n\r\nx\r\n",
            refs.join(" ")
        );
        let email = parse(raw.as_bytes()).unwrap();
        assert!(email.message_id.ends_with("@no-message-id.retaguarda>"));
        assert_eq!(email.thread.len(), THREAD_LIMIT);
        assert_eq!(email.thread[0], "<39@x.example>");
        let long_sender = format!("From: {}@b.example\r\n\r\nx\r\n", "a".repeat(300));
        assert_eq!(
            parse(long_sender.as_bytes()).unwrap_err(),
            Unreadable::NoSender
        );
    }

    #[test]
    fn what_is_not_an_email_is_refused() {
        assert_eq!(parse(b"").unwrap_err(), Unreadable::NotEmail);
        assert_eq!(
            parse(b"Subject: no sender\r\n\r\nx\r\n").unwrap_err(),
            Unreadable::NoSender
        );
    }
}
