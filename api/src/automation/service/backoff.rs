//! When a failed webhook is sent again: after 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h,
//! 12 h, 24 h and 24 h (about three days in all), each up to a tenth earlier or later at random
//! so an endpoint that comes back is not met by every store at once; then never.

use std::time::Duration;

/// The waits as multiples of the first (5 s in production, `OutboxConfig::webhook_backoff`).
const STEPS: [u32; 11] = [1, 6, 24, 120, 360, 720, 2_160, 4_320, 8_640, 17_280, 17_280];

/// A spread is in thousandths of the jitter's reach (a tenth of the wait) either way.
const SPREAD: i32 = 1_000;

/// The wait after the `failed`-th failed attempt (from 1), moved by `spread` thousandths
/// (−1000 to 1000) of a tenth of it; `None` once the retries are spent.
pub fn after_failure(failed: i32, unit: Duration, spread: i32) -> Option<Duration> {
    let step = usize::try_from(failed).ok()?.checked_sub(1)?;
    let wait = unit.checked_mul(*STEPS.get(step)?)?;
    let spread = spread.clamp(-SPREAD, SPREAD);
    let moved = wait / 10 / SPREAD.unsigned_abs() * spread.unsigned_abs();
    Some(if spread < 0 {
        wait.saturating_sub(moved)
    } else {
        wait.saturating_add(moved)
    })
}

/// A random spread for `after_failure`.
pub fn random_spread() -> i32 {
    rand::random_range(-SPREAD..=SPREAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_days_of_retries_then_none() {
        let unit = Duration::from_secs(5);
        let waits: Vec<u64> = (1..=11)
            .filter_map(|n| after_failure(n, unit, 0))
            .map(|wait| wait.as_secs())
            .collect();
        assert_eq!(
            waits,
            [
                5, 30, 120, 600, 1_800, 3_600, 10_800, 21_600, 43_200, 86_400, 86_400
            ]
        );
        let total: u64 = waits.iter().sum();
        assert!((250_000..260_000).contains(&total), "{total}");
        assert_eq!(after_failure(12, unit, 0), None);
        assert_eq!(after_failure(0, unit, 0), None);
        let early = after_failure(2, unit, -1_000).map(|w| w.as_secs());
        let late = after_failure(2, unit, 1_000).map(|w| w.as_secs());
        assert_eq!((early, late), (Some(27), Some(33)));
    }
}
