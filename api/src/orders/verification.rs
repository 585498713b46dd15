//! Verification: the checks an order passes before anyone picks it. Each finding is kept on
//! the order as a message (`i18n`), rendered in the reader's language; an order with findings
//! waits on hold.

use openapi::checks;
use openapi::orders::Address;
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Key, Message};
use crate::orders::service::credit::{self, CreditFacts};

/// What the checks look at.
pub struct Facts<'a> {
    pub currency: Currency,
    pub customer_country: &'a str,
    pub customer_tax_id: Option<&'a str>,
    pub customer_email: Option<&'a str>,
    pub address: &'a Address,
    pub total: Decimal,
    pub first_order: bool,
    pub first_order_hold_above: Option<Decimal>,
    /// The number of a recent order of the same customer with the same lines.
    pub duplicate_of: Option<i64>,
    /// The customer's block, and on terms what they owe and their limit.
    pub credit: CreditFacts,
}

/// A finding as the order keeps it (`orders.findings`): the check and its message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    /// `tax_id`, `address`, `email`, `duplicate`, `first_order_value`, `customer_blocked`
    /// or `credit_limit`.
    pub check: String,
    pub message: Message,
}

pub fn run(facts: &Facts<'_>) -> Vec<StoredFinding> {
    let mut findings = Vec::new();
    let mut find = |check: &str, message: Message| {
        findings.push(StoredFinding {
            check: check.to_owned(),
            message,
        })
    };
    if facts.customer_country == "BR" {
        match facts.customer_tax_id {
            None => find("tax_id", Message::new(Key::FindingTaxIdMissing)),
            Some(id) if checks::cpf_or_cnpj(id).is_err() => find(
                "tax_id",
                Message::new(Key::FindingTaxIdInvalid).with("id", id),
            ),
            Some(_) => {}
        }
    }
    let missing = facts.address.missing_parts();
    if !missing.is_empty() {
        find(
            "address",
            Message::new(Key::FindingAddressIncomplete).with("parts", missing.join(", ")),
        );
    } else if !checks::postal_code_fits(&facts.address.country, &facts.address.postal_code) {
        find(
            "address",
            Message::new(Key::FindingPostalCode)
                .with("code", facts.address.postal_code.as_str())
                .with("country", facts.address.country.as_str()),
        );
    }
    match facts.customer_email {
        None => find("email", Message::new(Key::FindingEmailMissing)),
        Some(email) if !deliverable_in_form(email) => find(
            "email",
            Message::new(Key::FindingEmailUndeliverable).with("email", email),
        ),
        Some(_) => {}
    }
    if let Some(number) = facts.duplicate_of {
        find(
            "duplicate",
            Message::new(Key::FindingDuplicate).with("number", number),
        );
    }
    if let Some(block) = &facts.credit.blocked {
        find(
            credit::BLOCK_CHECK,
            Message::new(Key::FindingCustomerBlocked).with("reason", block.clone()),
        );
    }
    if let Some((owed, limit)) = facts.credit.owed_and_limit
        && !credit::within_limit(owed, facts.total, limit)
    {
        let money = |amount| Arg::money(amount, facts.currency);
        find(
            credit::LIMIT_CHECK,
            Message::new(Key::FindingCreditLimit)
                .with("owed", money(owed + facts.total))
                .with("limit", money(limit.unwrap_or_default())),
        );
    }
    if let Some(limit) = facts.first_order_hold_above
        && facts.first_order
        && facts.total > limit
    {
        find(
            "first_order_value",
            Message::new(Key::FindingFirstOrderValue)
                .with("total", Arg::money(facts.total, facts.currency))
                .with("limit", Arg::money(limit, facts.currency)),
        );
    }
    findings
}

/// An address that a mail server could deliver to, judged by its form: one `@`, a local part,
/// a domain of dot-separated labels ending in a top-level domain of letters.
pub fn deliverable_in_form(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::deliverable_in_form;

    #[test]
    fn email_forms() {
        assert!(deliverable_in_form("ana@example.com.br"));
        assert!(!deliverable_in_form("ana@localhost"));
        assert!(!deliverable_in_form("ana@exa_mple.com"));
        assert!(!deliverable_in_form("ana..b@example.com"));
        assert!(!deliverable_in_form("ana@example.c0m"));
    }
}
