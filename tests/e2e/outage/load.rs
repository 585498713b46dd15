//! The load of the outage test: clients that keep placing orders and reading `/health/ready`
//! until told to stop, each answer timed, and what those answers must be.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::harness::client::Reply;
use crate::harness::fixtures::{line, new_buyer};
use crate::orders::Shop;

/// Longer than this is a hang.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// One request of the load: when it was sent and answered, and what it met (status 0: no
/// answer within [`ANSWER_WITHIN`]).
pub struct Answer {
    pub ready: bool,
    pub sent: Instant,
    pub took: Duration,
    pub status: u16,
    pub retry_after: bool,
    /// The order acknowledged with 201.
    pub order: Option<Uuid>,
}

/// When PostgreSQL went down and came back, as the test saw it.
pub struct Timeline {
    pub stopping: Instant,
    pub stopped: Instant,
    pub resuming: Instant,
    pub resumed: Instant,
}

impl Timeline {
    /// Answered while PostgreSQL was certainly down (an answer then can only be a refusal).
    fn answered_while_down(&self, answer: &Answer) -> bool {
        let answered = answer.sent + answer.took;
        answered >= self.stopped && answered <= self.resuming
    }

    /// Sent between the stop's start and PostgreSQL answering again.
    fn during(&self, answer: &Answer) -> bool {
        answer.sent >= self.stopping && answer.sent < self.resumed
    }
}

/// One client: an order and a readiness check, again and again until `done`.
pub async fn client(
    app: Arc<TestApp>,
    shop: Arc<Shop>,
    variant: Uuid,
    client: usize,
    done: Arc<AtomicBool>,
) -> Vec<Answer> {
    let mut answers = Vec::new();
    let mut i = 0;
    while !done.load(Ordering::SeqCst) {
        let name = format!("Cliente Carga {client} {i}");
        let body = shop.order_in(new_buyer(&name, Locale::PtBr), vec![line(variant, 1)]);
        let key = format!("load-{client}-{i}");
        answers.push(ask(false, shop.place(&app, &key, &body)).await);
        answers.push(ask(true, app.get("/health/ready").send()).await);
        i += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    answers
}

async fn ask(ready: bool, request: impl Future<Output = Reply>) -> Answer {
    let sent = Instant::now();
    let reply = tokio::time::timeout(ANSWER_WITHIN, request).await;
    let took = sent.elapsed();
    let Ok(reply) = reply else {
        return Answer {
            ready,
            sent,
            took,
            status: 0,
            retry_after: false,
            order: None,
        };
    };
    let order = (!ready && reply.status == 201).then(|| {
        let id = reply.body["id"].as_str().unwrap_or_default();
        id.parse()
            .unwrap_or_else(|e| panic!("201 without an id ({e}): {}", reply.body))
    });
    Answer {
        ready,
        sent,
        took,
        status: reply.status,
        retry_after: reply.header("retry-after").is_some(),
        order,
    }
}

/// Prints the figures of the outage, then asserts: every request answered within
/// [`ANSWER_WITHIN`]; orders 201, or 503 with `Retry-After`; readiness 200 or 503; answered
/// while PostgreSQL was down, 503 only; some of the orders and readiness checks sent during the
/// outage refused. A request sent while it was down may wait for a connection (up to the
/// pool's acquire timeout, 3 s) and get one once it is back: a 201 then.
pub fn check(answers: &[Answer], timeline: &Timeline) {
    let during: Vec<&Answer> = answers.iter().filter(|a| timeline.during(a)).collect();
    let counts = |ready: bool| {
        let mut counts = BTreeMap::new();
        for answer in during.iter().filter(|a| a.ready == ready) {
            *counts.entry(answer.status).or_insert(0) += 1;
        }
        counts
    };
    let slowest = |answers: &mut dyn Iterator<Item = &Answer>| {
        answers.map(|a| a.took).max().unwrap_or_default()
    };
    println!(
        "outage: {} requests in all; during the outage {} ({} orders: {:?}, {} readiness checks: {:?}), \
         slowest answer {:?} during, {:?} in all (status 0: none within {ANSWER_WITHIN:?})",
        answers.len(),
        during.len(),
        during.iter().filter(|a| !a.ready).count(),
        counts(false),
        during.iter().filter(|a| a.ready).count(),
        counts(true),
        slowest(&mut during.iter().copied()),
        slowest(&mut answers.iter()),
    );

    for answer in answers {
        let what = if answer.ready { "ready" } else { "order" };
        assert!(
            answer.status != 0,
            "a {what} not answered within {ANSWER_WITHIN:?}"
        );
        assert!(
            answer.took < ANSWER_WITHIN,
            "a {what} answered in {:?}",
            answer.took
        );
        match (answer.ready, answer.status) {
            (_, 503) if answer.ready || answer.retry_after => {}
            (false, 503) => panic!("an order refused 503 without Retry-After"),
            (false, 201) | (true, 200) if !timeline.answered_while_down(answer) => {}
            (_, status) => panic!(
                "a {what} sent {:?} after the stop began answered {status} in {:?}",
                answer.sent.saturating_duration_since(timeline.stopping),
                answer.took
            ),
        }
    }
    let down = |ready: bool| {
        answers
            .iter()
            .filter(|a| a.ready == ready && timeline.answered_while_down(a))
            .count()
    };
    println!(
        "outage: answered while PostgreSQL was down: {} orders, {} readiness checks (all 503)",
        down(false),
        down(true)
    );
    // A request sent while it is down waits up to the pool's 3 s for a connection, so in a
    // short outage none may be answered before PostgreSQL is back: the refusals counted are
    // those of the requests sent during the outage.
    assert!(
        counts(false).contains_key(&503) && counts(true).contains_key(&503),
        "no order or readiness check refused during the outage"
    );
}
