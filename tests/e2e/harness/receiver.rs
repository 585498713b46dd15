//! A webhook receiver for the tests: HTTPS on loopback with a certificate of the test's own
//! authority (the server under test trusts it through `RETAGUARDA_WEBHOOK_ROOTS`'s setting),
//! answering each request with the next scripted status (then 200), and keeping what came.

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A request as it arrived: its headers (lower-case names) and body.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: BTreeMap<String, String>,
    pub body: String,
    /// When it arrived (its body read): the automation bench's latencies.
    #[allow(dead_code)]
    pub at: std::time::Instant,
}

/// What the receiver answers a request with.
#[derive(Debug, Clone)]
pub enum Answer {
    Status(u16),
    /// A redirect to this address.
    RedirectTo(String),
    /// 200, once the test calls `Receiver::release` (the sender may give up first).
    Hold,
}

pub struct Receiver {
    pub url: String,
    /// The authority's certificate (PEM): what the server must trust.
    pub roots: PathBuf,
    received: Arc<Mutex<Vec<Received>>>,
    answered: Arc<std::sync::atomic::AtomicUsize>,
    release: tokio::sync::watch::Sender<bool>,
}

struct Shared {
    script: Mutex<VecDeque<Answer>>,
    received: Arc<Mutex<Vec<Received>>>,
    answered: Arc<std::sync::atomic::AtomicUsize>,
    released: tokio::sync::watch::Receiver<bool>,
}

impl Receiver {
    /// Starts a receiver that answers `script` in order, then 200; its files go in `dir`.
    pub async fn start(dir: &Path, script: Vec<Answer>) -> Receiver {
        let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
        let (chain, key, authority) = certificates();
        let roots = dir.join("webhook-roots.pem");
        std::fs::write(&roots, authority).expect("write the roots");
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("the receiver's certificate");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address: SocketAddr = listener.local_addr().expect("address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (release, released) = tokio::sync::watch::channel(false);
        let shared = Arc::new(Shared {
            script: Mutex::new(script.into()),
            received: received.clone(),
            answered: answered.clone(),
            released,
        });
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (acceptor, shared) = (acceptor.clone(), shared.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let service = service_fn(move |request| answer(shared.clone(), request));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Receiver {
            url: format!("https://127.0.0.1:{}/hooks", address.port()),
            roots,
            received,
            answered,
            release,
        }
    }

    /// Lets every held request (and every one held from now on) be answered.
    pub fn release(&self) {
        self.release.send_replace(true);
    }

    /// How many requests it has answered (a hanging one is answered when it stops).
    pub fn answered(&self) -> usize {
        self.answered.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("received").clone()
    }

    /// Waits until `count` requests came (at most `seconds`); what came.
    pub async fn wait_for(&self, count: usize, seconds: u64) -> Vec<Received> {
        for _ in 0..seconds * 20 {
            if self.received().len() >= count {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.received()
    }
}

async fn answer(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap_or_default().to_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    let body = request.into_body().collect().await?.to_bytes();
    let body = String::from_utf8_lossy(&body).into_owned();
    shared.received.lock().expect("received").push(Received {
        headers,
        body,
        at: std::time::Instant::now(),
    });
    let next = shared.script.lock().expect("script").pop_front();
    let response = match next.unwrap_or(Answer::Status(200)) {
        Answer::Status(status) => Response::builder()
            .status(status)
            .body(Full::new(Bytes::from(format!("answered {status}")))),
        Answer::RedirectTo(location) => Response::builder()
            .status(307)
            .header("location", location)
            .body(Full::new(Bytes::new())),
        Answer::Hold => {
            let mut released = shared.released.clone();
            let _ = released.wait_for(|done| *done).await;
            Response::builder()
                .status(200)
                .body(Full::new(Bytes::from("answered late")))
        }
    };
    shared
        .answered
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    Ok(response.expect("a response"))
}

/// The receiver's certificate chain and key, and its authority's certificate (PEM).
fn certificates() -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let authority_key = KeyPair::generate().expect("key");
    let mut authority = CertificateParams::new(Vec::<String>::new()).expect("params");
    authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let authority = authority.self_signed(&authority_key).expect("authority");
    let key = KeyPair::generate().expect("key");
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .expect("params")
        .signed_by(&key, &authority, &authority_key)
        .expect("leaf");
    let chain = vec![leaf.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (chain, key, authority.pem())
}
