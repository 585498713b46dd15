//! The weekdays a store works, as the bit set the database keeps (Monday 1, Tuesday 2, …,
//! Sunday 64).

use chrono::Weekday;

/// A non-empty set of weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingWeekdays(u8);

/// Monday to Sunday, in the order the bits and the API list them.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl WorkingWeekdays {
    /// Monday to Friday, a new store's.
    pub const MONDAY_TO_FRIDAY: WorkingWeekdays = WorkingWeekdays(0b001_1111);

    /// The set of stored bits; none for an empty set or bits beyond Sunday.
    pub fn from_bits(bits: i32) -> Option<WorkingWeekdays> {
        (1..=127)
            .contains(&bits)
            .then(|| u8::try_from(bits).ok().map(WorkingWeekdays))
            .flatten()
    }

    /// The set of these days; none when there is none.
    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Option<WorkingWeekdays> {
        let bits = days
            .into_iter()
            .fold(0i32, |bits, day| bits | (1 << day.num_days_from_monday()));
        WorkingWeekdays::from_bits(bits)
    }

    pub fn bits(self) -> i32 {
        i32::from(self.0)
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// The days of the set, Monday first.
    pub fn days(self) -> Vec<Weekday> {
        WEEK.into_iter().filter(|day| self.contains(*day)).collect()
    }
}

impl Default for WorkingWeekdays {
    fn default() -> Self {
        WorkingWeekdays::MONDAY_TO_FRIDAY
    }
}
