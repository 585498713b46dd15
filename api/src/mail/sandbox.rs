//! The limits a store's template runs within, so that no template can stop the server:
//!
//! - before it runs, its tags are read token by token: only `if` and `for` statements, no
//!   operator that repeats or joins text (`*`, `**`, `~`, `+`, `%`, `/`, `//`), no function
//!   call (there are none to call), no recursive loop. Nothing else can make a value bigger
//!   than what it was given, so the guarded branch that the save-time sample never reaches
//!   is refused as well;
//! - it runs with minijinja's fuel (instructions), the few filters below, whose results are
//!   capped, and an output cap;
//! - it renders on the blocking pool with a time limit, outside any database transaction.

use std::io::{self, Write};
use std::time::Duration;

use minijinja::machinery::{Token, WhitespaceConfig, tokenize};
use minijinja::syntax::SyntaxConfig;
use minijinja::tests as is;
use minijinja::value::{StringInput, Value};
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior, filters};

/// Instructions a part of a template may run (a 200-line order takes about 10,000).
pub const FUEL: u64 = 200_000;
/// Bytes a part of an email may have once rendered.
pub const OUTPUT_CAP: usize = 256 * 1024;
/// How long rendering an email's three parts may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(1);

const STATEMENTS: &[&str] = &[
    "if", "elif", "else", "endif", "for", "endfor", "raw", "endraw",
];

/// Why a template's source is refused before it runs, if it is.
pub fn check_source(source: &str) -> Result<(), String> {
    let mut previous: Option<Token> = None;
    let mut statement_expected = false;
    let tokens = tokenize(source, false, SyntaxConfig, WhitespaceConfig::default());
    for token in tokens {
        let (token, span) = token.map_err(|e| e.to_string())?;
        let line = span.start_line;
        let refuse = |what: &str| Err(format!("line {line}: {what} is not allowed in a template"));
        match &token {
            Token::Mul | Token::Pow => return refuse("`*`"),
            Token::Tilde => return refuse("`~`"),
            Token::Plus => return refuse("`+`"),
            Token::Mod => return refuse("`%`"),
            Token::Div | Token::FloorDiv => return refuse("`/`"),
            Token::Ident(name) if statement_expected && !STATEMENTS.contains(name) => {
                return refuse(&format!("`{{% {name} %}}`"));
            }
            Token::Ident("recursive") => return refuse("a recursive loop"),
            Token::ParenOpen => {
                if let Some(Token::Ident(name)) = &previous {
                    return refuse(&format!("calling `{name}()`"));
                }
            }
            _ => {}
        }
        statement_expected = matches!(token, Token::BlockStart);
        // A filter or test with arguments (`|join(", ")`, `is sameas(x)`) is not a call.
        previous = match token {
            Token::Ident(_) if matches!(previous, Some(Token::Pipe) | Some(Token::Ident("is"))) => {
                None
            }
            other => Some(other),
        };
    }
    Ok(())
}

/// The environment a store's template runs in: strict about unknown variables, HTML escaped
/// in `.html` parts, fuel, and only filters whose result is no bigger than the output cap.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::empty();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(minijinja::default_auto_escape_callback);
    env.set_fuel(Some(FUEL));
    env.add_filter("upper", filters::upper);
    env.add_filter("lower", filters::lower);
    env.add_filter("title", filters::title);
    env.add_filter("capitalize", filters::capitalize);
    env.add_filter("trim", filters::trim);
    env.add_filter("escape", filters::escape);
    env.add_filter("e", filters::escape);
    env.add_filter("safe", filters::safe);
    env.add_filter("default", filters::default);
    env.add_filter("d", filters::default);
    env.add_filter("length", filters::length);
    env.add_filter("count", filters::length);
    env.add_filter("first", filters::first);
    env.add_filter("last", filters::last);
    env.add_filter("round", filters::round);
    env.add_filter("abs", filters::abs);
    env.add_filter("join", capped_join);
    env.add_test("defined", is::is_defined);
    env.add_test("undefined", is::is_undefined);
    env.add_test("none", is::is_none);
    env.add_test("true", is::is_true);
    env.add_test("false", is::is_false);
    env.add_test("number", is::is_number);
    env.add_test("string", is::is_string);
    env.add_test("odd", is::is_odd);
    env.add_test("even", is::is_even);
    env
}

/// `join`, refusing a result over the output cap (joining a list that holds the same text
/// several times is the one way left to grow a value).
fn capped_join(
    state: &State,
    value: &Value,
    joiner: Option<StringInput<'_>>,
) -> Result<Value, Error> {
    let joiner_len = joiner.as_ref().map_or(0, |j| j.as_str().len());
    let mut length = 0usize;
    for item in value.try_iter()? {
        length += joiner_len + item.as_str().map_or(24, str::len);
        if length > OUTPUT_CAP {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "`join` would make a text longer than an email may be",
            ));
        }
    }
    filters::join(state, value, joiner)
}

/// Collects a part of the email and fails past the output cap.
pub struct CappedOutput {
    pub text: Vec<u8>,
}

impl Write for CappedOutput {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.text.len() + bytes.len() > OUTPUT_CAP {
            return Err(io::Error::other(format!(
                "the email would be longer than {} KB",
                OUTPUT_CAP / 1024
            )));
        }
        self.text.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_templates_pass_and_hostile_constructs_are_refused() {
        let fine = "{% for line in order.lines -%}{{ line.name | upper }} {{ line.total }}\n\
                    {%- endfor %}{% if x is defined and y|length > 2 %}{{ a|join(', ') }}{% endif %}";
        assert_eq!(check_source(fine), Ok(()));
        for hostile in [
            "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
            "{{ 'a' * 100000000 }}",
            "{% set x = 'a' %}",
            "{{ a ~ a }}",
            "{{ [a] + [a] }}",
            "{% macro m() %}{% endmacro %}",
            "{% include 'x' %}",
            "{% for x in a recursive %}{{ loop(x) }}{% endfor %}",
            "{{ '%s%s' % (a, a) }}",
            "{{ namespace() }}",
        ] {
            assert!(check_source(hostile).is_err(), "{hostile}");
        }
    }
}
