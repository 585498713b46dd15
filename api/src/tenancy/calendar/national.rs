//! Brazil's national holidays: the fixed dates and those that move with Easter.

use chrono::{Datelike, Duration, NaiveDate};

use crate::i18n::Key;

/// A national holiday of Brazil.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalHoliday {
    NewYear,
    CarnivalMonday,
    CarnivalTuesday,
    GoodFriday,
    Tiradentes,
    Labour,
    CorpusChristi,
    Independence,
    OurLadyAparecida,
    AllSouls,
    Republic,
    BlackConsciousness,
    Christmas,
}

/// Dia Nacional de Zumbi e da Consciência Negra is a national holiday from 2024 on (Lei
/// 14.759/2023).
const BLACK_CONSCIOUSNESS_SINCE: i32 = 2024;

/// The fixed ones, by (month, day).
const FIXED: [(u32, u32, NationalHoliday); 9] = [
    (1, 1, NationalHoliday::NewYear),
    (4, 21, NationalHoliday::Tiradentes),
    (5, 1, NationalHoliday::Labour),
    (9, 7, NationalHoliday::Independence),
    (10, 12, NationalHoliday::OurLadyAparecida),
    (11, 2, NationalHoliday::AllSouls),
    (11, 15, NationalHoliday::Republic),
    (11, 20, NationalHoliday::BlackConsciousness),
    (12, 25, NationalHoliday::Christmas),
];

/// The movable ones, by days from Easter Sunday.
const FROM_EASTER: [(i64, NationalHoliday); 4] = [
    (-48, NationalHoliday::CarnivalMonday),
    (-47, NationalHoliday::CarnivalTuesday),
    (-2, NationalHoliday::GoodFriday),
    (60, NationalHoliday::CorpusChristi),
];

impl NationalHoliday {
    /// Its name in the message catalogues.
    pub fn key(self) -> Key {
        match self {
            NationalHoliday::NewYear => Key::HolidayNewYear,
            NationalHoliday::CarnivalMonday => Key::HolidayCarnivalMonday,
            NationalHoliday::CarnivalTuesday => Key::HolidayCarnivalTuesday,
            NationalHoliday::GoodFriday => Key::HolidayGoodFriday,
            NationalHoliday::Tiradentes => Key::HolidayTiradentes,
            NationalHoliday::Labour => Key::HolidayLabour,
            NationalHoliday::CorpusChristi => Key::HolidayCorpusChristi,
            NationalHoliday::Independence => Key::HolidayIndependence,
            NationalHoliday::OurLadyAparecida => Key::HolidayOurLadyAparecida,
            NationalHoliday::AllSouls => Key::HolidayAllSouls,
            NationalHoliday::Republic => Key::HolidayRepublic,
            NationalHoliday::BlackConsciousness => Key::HolidayBlackConsciousness,
            NationalHoliday::Christmas => Key::HolidayChristmas,
        }
    }
}

/// Easter Sunday of `year` (Gregorian); none outside the years the computus covers (1583–9999).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let date = computus::gregorian(year).ok()?;
    NaiveDate::from_ymd_opt(date.year, date.month, date.day)
}

/// The national holidays of `year`, in date order.
pub fn national_holidays(year: i32) -> Vec<(NaiveDate, NationalHoliday)> {
    let fixed = FIXED.iter().filter_map(|&(month, day, holiday)| {
        let observed =
            holiday != NationalHoliday::BlackConsciousness || year >= BLACK_CONSCIOUSNESS_SINCE;
        observed
            .then(|| NaiveDate::from_ymd_opt(year, month, day))
            .flatten()
            .map(|date| (date, holiday))
    });
    let movable = easter(year).into_iter().flat_map(|easter| {
        FROM_EASTER.iter().filter_map(move |&(offset, holiday)| {
            easter
                .checked_add_signed(Duration::days(offset))
                .map(|date| (date, holiday))
        })
    });
    let mut all: Vec<_> = fixed.chain(movable).collect();
    all.sort_by_key(|(date, _)| *date);
    all
}

/// The national holiday on `date`, if any.
pub fn national_holiday_on(date: NaiveDate) -> Option<NationalHoliday> {
    national_holidays(date.year())
        .into_iter()
        .find(|(day, _)| *day == date)
        .map(|(_, holiday)| holiday)
}
