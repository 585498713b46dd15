//! Numbers an email names: the order it is about ("pedido 1042", "order #1042", "#1042") and
//! the ticket its subject carries (`[#12]`, as answers are titled).

/// Words that come before an order's number, in the three languages.
const ORDER_WORDS: [&str; 5] = ["pedido", "order", "orden", "encomenda", "compra"];
/// What may stand between such a word and the number.
const NUMBER_MARKS: [&str; 6] = ["nº", "n°", "no", "n", "numero", "número"];

fn number(token: &str) -> Option<i64> {
    let digits = token.trim_start_matches('#');
    (!digits.is_empty() && digits.len() <= 12 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n: &i64| *n > 0)
}

/// The first order number the subject, then the text, names.
pub fn order_number(subject: &str, text: &str) -> Option<i64> {
    [subject, text].into_iter().find_map(|part| {
        let words: Vec<String> = part
            .split(|c: char| !(c.is_alphanumeric() || c == '#' || c == 'º' || c == '°'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.iter().enumerate().find_map(|(i, word)| {
            if word.starts_with('#') {
                return number(word);
            }
            if !ORDER_WORDS.contains(&word.as_str()) {
                return None;
            }
            words[i + 1..]
                .iter()
                .take(2)
                .skip_while(|w| NUMBER_MARKS.contains(&w.as_str()))
                .find_map(|w| number(w))
        })
    })
}

/// The ticket number of a subject's `[#N]`.
pub fn ticket_number(subject: &str) -> Option<i64> {
    let start = subject.rfind("[#")?;
    let rest = &subject[start + 2..];
    let end = rest.find(']')?;
    number(&rest[..end])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_order_is_named_in_three_languages() {
        assert_eq!(order_number("Devolución del pedido 1042", ""), Some(1042));
        assert_eq!(order_number("Where is my order #77?", ""), Some(77));
        assert_eq!(
            order_number("Dúvida", "Sobre o pedido nº 1043, chegou?"),
            Some(1043)
        );
        assert_eq!(order_number("Ajuda", "o #1044 veio errado"), Some(1044));
        assert_eq!(order_number("Olá", "tenho 2 dúvidas"), None);
        assert_eq!(order_number("pedido", ""), None);
    }

    #[test]
    fn a_subject_names_its_ticket() {
        assert_eq!(ticket_number("Re: Pedido 1042 não chegou [#12]"), Some(12));
        assert_eq!(ticket_number("Re: nada"), None);
        assert_eq!(ticket_number("[#x]"), None);
    }
}
