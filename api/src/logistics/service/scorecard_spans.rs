//! The spans the scorecard's counts are kept in: each shipment counts in its day of posting,
//! in that day's ten days of the month (1–10, 11–20, 21 to the end) and in its month. A period
//! is read as the fewest spans that cover it exactly: whole months, then whole ten days, then
//! days, so 90 days read some 15 spans' rows instead of 90 days' rows.

use chrono::{Datelike, Months, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Span {
    Day,
    TenDays,
    Month,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Day, Span::TenDays, Span::Month];

    /// As stored in `scorecard_days.span`.
    pub fn as_str(self) -> &'static str {
        match self {
            Span::Day => "day",
            Span::TenDays => "ten_days",
            Span::Month => "month",
        }
    }

    /// The first day of the span of this kind holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        let first_of = |d: u32| day.with_day(d).unwrap_or(day);
        match self {
            Span::Day => day,
            Span::TenDays => first_of(match day.day() {
                1..=10 => 1,
                11..=20 => 11,
                _ => 21,
            }),
            Span::Month => first_of(1),
        }
    }

    /// The last day of the span that starts on `start`.
    pub fn end(self, start: NaiveDate) -> NaiveDate {
        let month_end = || {
            start
                .with_day(1)
                .and_then(|first| first.checked_add_months(Months::new(1)))
                .and_then(|next| next.pred_opt())
                .unwrap_or(start)
        };
        match self {
            Span::Day => start,
            Span::TenDays if start.day() < 21 => start.with_day(start.day() + 9).unwrap_or(start),
            Span::TenDays | Span::Month => month_end(),
        }
    }
}

/// The spans, largest first where they fit, that cover `first` to `last` exactly: (span,
/// its first day), in the order of their days. None when `last` is before `first`.
pub fn covering(first: NaiveDate, last: NaiveDate) -> Vec<(Span, NaiveDate)> {
    let mut spans = Vec::new();
    let mut day = first;
    while day <= last {
        let span = [Span::Month, Span::TenDays]
            .into_iter()
            .find(|span| span.start(day) == day && span.end(day) <= last)
            .unwrap_or(Span::Day);
        spans.push((span, day));
        match span.end(day).succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn ninety_days_are_whole_months_ten_days_and_days() {
        let spans = covering(day("2026-09-08"), day("2026-12-06"));
        let expected = vec![
            (Span::Day, day("2026-09-08")),
            (Span::Day, day("2026-09-09")),
            (Span::Day, day("2026-09-10")),
            (Span::TenDays, day("2026-09-11")),
            (Span::TenDays, day("2026-09-21")),
            (Span::Month, day("2026-10-01")),
            (Span::Month, day("2026-11-01")),
            (Span::Day, day("2026-12-01")),
            (Span::Day, day("2026-12-02")),
            (Span::Day, day("2026-12-03")),
            (Span::Day, day("2026-12-04")),
            (Span::Day, day("2026-12-05")),
            (Span::Day, day("2026-12-06")),
        ];
        assert_eq!(spans, expected);
    }

    #[test]
    fn the_last_ten_days_run_to_the_months_end() {
        assert_eq!(Span::TenDays.end(day("2028-02-21")), day("2028-02-29"));
        assert_eq!(Span::TenDays.end(day("2026-12-21")), day("2026-12-31"));
        assert_eq!(Span::Month.end(day("2026-12-01")), day("2026-12-31"));
        assert_eq!(Span::TenDays.start(day("2026-12-31")), day("2026-12-21"));
        let february = covering(day("2027-02-01"), day("2027-02-28"));
        assert_eq!(february, vec![(Span::Month, day("2027-02-01"))]);
    }

    #[test]
    fn the_spans_cover_each_day_once() {
        let (first, last) = (day("2025-12-17"), day("2027-03-02"));
        let mut covered = Vec::new();
        for (span, start) in covering(first, last) {
            let mut d = start;
            while d <= span.end(start) {
                covered.push(d);
                d = d.succ_opt().unwrap_or(d);
            }
        }
        let all: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        assert_eq!(covered, all);
        assert!(covering(last, first).is_empty());
    }
}
