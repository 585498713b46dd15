//! Where emails go: an SMTP server (lettre, `smtp://` with optional STARTTLS, `smtps://`,
//! authentication in the URL) or a folder of `.eml` files, the default, so the demo needs no
//! mail server. A file is named after its email's id, so sending again after a crash replaces
//! it instead of adding a second one (lettre's own file transport names files at random).

use std::path::PathBuf;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

use crate::config::{MailConfig, MailTransport};

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("the mail URL is not usable: {0}")]
    Url(String),
    #[error("cannot create the mail folder {0}: {1}")]
    Folder(String, std::io::Error),
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> Result<Mailer, TransportError> {
        match &config.transport {
            MailTransport::Smtp(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| TransportError::Url(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            MailTransport::Folder(path) => {
                std::fs::create_dir_all(path)
                    .map_err(|e| TransportError::Folder(path.display().to_string(), e))?;
                Ok(Mailer::Folder(path.clone()))
            }
        }
    }

    /// Hands the message over; an error is worth retrying later.
    pub async fn send(&self, email_id: Uuid, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
            Mailer::Folder(folder) => {
                // Written aside, then renamed: a reader never sees half a message. Only the
                // server's user may read it: an invitation's link carries its token.
                let partial = folder.join(format!(".{email_id}.eml.partial"));
                let done = folder.join(format!("{email_id}.eml"));
                let bytes = message.formatted();
                let written = tokio::task::spawn_blocking(move || {
                    crate::config::write_private(&partial, &bytes)?;
                    std::fs::rename(&partial, &done)
                })
                .await
                .map_err(|e| e.to_string())?;
                written.map_err(|e| format!("mail folder {}: {e}", folder.display()))
            }
        }
    }
}
