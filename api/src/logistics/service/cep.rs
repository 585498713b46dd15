//! The Brazilian state of a postal code (CEP), from the ranges Correios assigns each state.

use openapi::logistics::Uf;

/// The first five digits of each state's CEP ranges, inclusive.
const RANGES: &[(u32, u32, Uf)] = &[
    (1000, 19999, Uf::Sp),
    (20000, 28999, Uf::Rj),
    (29000, 29999, Uf::Es),
    (30000, 39999, Uf::Mg),
    (40000, 48999, Uf::Ba),
    (49000, 49999, Uf::Se),
    (50000, 56999, Uf::Pe),
    (57000, 57999, Uf::Al),
    (58000, 58999, Uf::Pb),
    (59000, 59999, Uf::Rn),
    (60000, 63999, Uf::Ce),
    (64000, 64999, Uf::Pi),
    (65000, 65999, Uf::Ma),
    (66000, 68899, Uf::Pa),
    (68900, 68999, Uf::Ap),
    (69000, 69299, Uf::Am),
    (69300, 69399, Uf::Rr),
    (69400, 69899, Uf::Am),
    (69900, 69999, Uf::Ac),
    (70000, 72799, Uf::Df),
    (72800, 72999, Uf::Go),
    (73000, 73699, Uf::Df),
    (73700, 76799, Uf::Go),
    (76800, 76999, Uf::Ro),
    (77000, 77999, Uf::To),
    (78000, 78899, Uf::Mt),
    (79000, 79999, Uf::Ms),
    (80000, 87999, Uf::Pr),
    (88000, 89999, Uf::Sc),
    (90000, 99999, Uf::Rs),
];

/// A CEP's 8 digits (`01310-200`, `01310200`, `01.310-200`), if it has the form of one.
pub fn digits(cep: &str) -> Option<String> {
    let digits: String = cep
        .chars()
        .filter(|c| !matches!(c, '-' | '.' | ' '))
        .collect();
    (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The state a CEP's range belongs to.
pub fn state_of(cep: &str) -> Option<Uf> {
    let prefix: u32 = digits(cep)?.get(..5)?.parse().ok()?;
    RANGES
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&prefix))
        .map(|(_, _, uf)| *uf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_fall_in_their_states() {
        assert_eq!(state_of("01310-200"), Some(Uf::Sp));
        assert_eq!(state_of("20040-020"), Some(Uf::Rj));
        assert_eq!(state_of("70040-010"), Some(Uf::Df));
        assert_eq!(state_of("74000-000"), Some(Uf::Go));
        assert_eq!(state_of("69301-000"), Some(Uf::Rr));
        assert_eq!(state_of("69900-000"), Some(Uf::Ac));
        assert_eq!(state_of("90010-000"), Some(Uf::Rs));
        assert_eq!(state_of("50030-230"), Some(Uf::Pe));
    }

    #[test]
    fn what_is_not_a_cep_has_no_state() {
        assert_eq!(state_of("00999-999"), None);
        assert_eq!(state_of("1310-200"), None);
        assert_eq!(state_of("ABCDE-FGH"), None);
        assert_eq!(digits("01.310-200").as_deref(), Some("01310200"));
    }
}
