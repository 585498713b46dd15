//! Where emails go: an SMTP server (lettre, `smtp://` with optional STARTTLS, `smtps://`,
//! authentication in the URL) or a folder of `.eml` files, the default, so the demo needs no
//! mail server.

use std::time::Duration;

use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{MailConfig, MailTransport};

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
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
                Ok(Mailer::Folder(AsyncFileTransport::new(path)))
            }
        }
    }

    /// Hands the message over; an error is worth retrying later.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
            Mailer::Folder(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("mail folder: {e}")),
        }
    }
}
