//! Verification: the checks an order passes before anyone picks it. Each finding is kept on
//! the order in the store's language; an order with findings waits on hold.

use openapi::checks;
use openapi::format;
use openapi::orders::{Address, Finding};
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;

/// What the checks look at.
pub struct Facts<'a> {
    pub locale: Locale,
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
}

pub fn run(facts: &Facts<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut find = |check: &str, message: String| {
        findings.push(Finding {
            check: check.to_owned(),
            message,
        })
    };
    let l = facts.locale;
    if facts.customer_country == "BR" {
        match facts.customer_tax_id {
            None => find(
                "tax_id",
                words(
                    l,
                    "O cliente não tem CPF/CNPJ.",
                    "El cliente no tiene CPF/CNPJ.",
                    "The customer has no CPF/CNPJ.",
                ),
            ),
            Some(id) if checks::cpf_or_cnpj(id).is_err() => find(
                "tax_id",
                match l {
                    Locale::PtBr => format!("O CPF/CNPJ {id} é inválido."),
                    Locale::Es => format!("El CPF/CNPJ {id} no es válido."),
                    Locale::En => format!("The CPF/CNPJ {id} is not valid."),
                },
            ),
            Some(_) => {}
        }
    }
    let missing = facts.address.missing_parts();
    if !missing.is_empty() {
        let parts = missing.join(", ");
        find(
            "address",
            match l {
                Locale::PtBr => format!("O endereço de entrega está incompleto: {parts}."),
                Locale::Es => format!("La dirección de envío está incompleta: {parts}."),
                Locale::En => format!("The shipping address is incomplete: {parts}."),
            },
        );
    } else if !checks::postal_code_fits(&facts.address.country, &facts.address.postal_code) {
        let (code, country) = (&facts.address.postal_code, &facts.address.country);
        find(
            "address",
            match l {
                Locale::PtBr => format!("O CEP {code} não tem o formato usado em {country}."),
                Locale::Es => format!("El código postal {code} no tiene el formato de {country}."),
                Locale::En => {
                    format!("The postal code {code} is not of the form used in {country}.")
                }
            },
        );
    }
    match facts.customer_email {
        None => find(
            "email",
            words(
                l,
                "O cliente não tem e-mail: a confirmação não pode ser enviada.",
                "El cliente no tiene correo: no se puede enviar la confirmación.",
                "The customer has no email address: no confirmation can be sent.",
            ),
        ),
        Some(email) if !deliverable_in_form(email) => find(
            "email",
            match l {
                Locale::PtBr => format!("O e-mail {email} não parece entregável."),
                Locale::Es => format!("El correo {email} no parece entregable."),
                Locale::En => format!("The email address {email} does not look deliverable."),
            },
        ),
        Some(_) => {}
    }
    if let Some(number) = facts.duplicate_of {
        find(
            "duplicate",
            match l {
                Locale::PtBr => format!(
                    "Parece duplicado do pedido #{number}: mesmo cliente e itens há menos de 10 minutos."
                ),
                Locale::Es => format!(
                    "Parece un duplicado del pedido #{number}: mismo cliente y artículos hace menos de 10 minutos."
                ),
                Locale::En => format!(
                    "Looks like a duplicate of order #{number}: same customer and lines within 10 minutes."
                ),
            },
        );
    }
    if let Some(limit) = facts.first_order_hold_above
        && facts.first_order
        && facts.total > limit
    {
        let (total, limit) = (
            format::money(facts.total, facts.currency, l),
            format::money(limit, facts.currency, l),
        );
        find(
            "first_order_value",
            match l {
                Locale::PtBr => format!(
                    "Primeiro pedido de um cliente novo, de {total}, acima do limite de {limit}."
                ),
                Locale::Es => format!(
                    "Primer pedido de un cliente nuevo, de {total}, por encima del límite de {limit}."
                ),
                Locale::En => {
                    format!("First order of a new customer, {total}, above the limit of {limit}.")
                }
            },
        );
    }
    findings
}

fn words(locale: Locale, pt: &str, es: &str, en: &str) -> String {
    match locale {
        Locale::PtBr => pt,
        Locale::Es => es,
        Locale::En => en,
    }
    .to_owned()
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
