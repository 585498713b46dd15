//! What the server sent, read back as its recipient would: the `.eml` files of the mail folder
//! (the transport when no SMTP server is set), with the secrets that only sent messages hold.

use std::time::Duration;

use super::TestApp;
use super::smtp::{Received, SmtpSink};

impl TestApp {
    /// Reads what the server sends from this SMTP sink instead of its mail folder.
    pub fn read_mail_from(&self, smtp: &SmtpSink) {
        let _ = self.smtp_inbox.set(smtp.inbox());
    }

    /// The messages sent so far, oldest first: as the SMTP sink received them, else the files
    /// of the mail folder (their names are the emails' time-ordered ids).
    pub fn sent_mail(&self) -> Vec<Received> {
        if let Some(inbox) = self.smtp_inbox.get() {
            return inbox.lock().map(|i| i.clone()).unwrap_or_default();
        }
        let mut paths: Vec<_> = std::fs::read_dir(self.mail_dir())
            .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "eml"));
        paths.sort();
        paths
            .into_iter()
            .filter_map(|path| std::fs::read(path).ok())
            .map(|raw| {
                let parsed = mail_parser::MessageParser::default().parse(&raw);
                let to = parsed
                    .and_then(|m| {
                        m.to().map(|to| {
                            to.iter()
                                .filter_map(|a| a.address().map(str::to_owned))
                                .collect()
                        })
                    })
                    .unwrap_or_default();
                Received { to, raw }
            })
            .collect()
    }

    /// Waits until `count` messages to `to` were sent; those messages, oldest first.
    pub async fn mail_to(&self, to: &str, count: usize) -> Vec<Received> {
        let mut found = Vec::new();
        for _ in 0..200 {
            found = self
                .sent_mail()
                .into_iter()
                .filter(|m| m.to.iter().any(|a| a == to))
                .collect();
            if found.len() >= count {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} messages to {to}, found {}", found.len());
    }

    /// The token of the newest invitation sent to `to`, read from its link, waiting for it.
    pub async fn invitation_token(&self, to: &str) -> String {
        let sent = self.mail_to(to, 1).await;
        let newest = sent.last().map(Received::text).unwrap_or_default();
        token_in(&newest).unwrap_or_else(|| panic!("no invitation link in: {newest}"))
    }
}

/// The token of the first `accept-invitation?token=…` link in `text`.
pub fn token_in(text: &str) -> Option<String> {
    let start = text.find("accept-invitation?token=")? + "accept-invitation?token=".len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    (!token.is_empty()).then_some(token)
}
