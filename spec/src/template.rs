//! Parses the template strings of signing recipes: `{params}&org_loc={path}&secret={app_key}`.
//!
//! Only the syntax is checked here; which names exist is the validator's business.

/// One piece of a template as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Fixed text (`{{` and `}}` already unescaped).
    Literal(String),
    /// `{name|filter|...}`.
    Variable {
        /// The variable's name.
        name: String,
        /// Filter names, left to right.
        filters: Vec<String>,
    },
}

/// Known filter names: the transforms of `gamechannel-core`.
fn filter_names() -> impl Iterator<Item = &'static str> + Clone {
    gamechannel_core::Transform::ALL
        .into_iter()
        .map(|t| t.name())
}

/// Splits a template into tokens, or says what is malformed.
pub fn parse(template: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut chars = template.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                literal.push('}');
            }
            '}' => {
                return Err(format!(
                    "unmatched '}}' at character {at} (write '}}}}' for a literal brace)"
                ));
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    inner.push(c);
                }
                if !closed {
                    return Err(format!("'{{' at character {at} is never closed"));
                }
                if !literal.is_empty() {
                    tokens.push(Token::Literal(std::mem::take(&mut literal)));
                }
                tokens.push(variable(&inner, at)?);
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        tokens.push(Token::Literal(literal));
    }
    Ok(tokens)
}

fn variable(inner: &str, at: usize) -> Result<Token, String> {
    let mut pieces = inner.split('|').map(str::trim);
    let name = pieces.next().unwrap_or_default();
    // `.` addresses a member by its path (`MiniGame.Payload`).
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    if name.is_empty() || !name.chars().all(ok) || name.starts_with('.') || name.ends_with('.') {
        return Err(format!(
            "'{{{inner}}}' at character {at} is not a variable (names are letters, digits, '_' and '.' between names)"
        ));
    }
    let mut filters = Vec::new();
    for filter in pieces {
        if gamechannel_core::Transform::from_name(filter).is_none() {
            let hint = crate::diagnostics::did_you_mean(filter, filter_names())
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            return Err(format!(
                "unknown filter '{filter}' in '{{{inner}}}' (filters: {}{hint})",
                filter_names().collect::<Vec<_>>().join(", ")
            ));
        }
        filters.push(filter.to_owned());
    }
    Ok(Token::Variable {
        name: name.to_owned(),
        filters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str, filters: &[&str]) -> Token {
        Token::Variable {
            name: name.into(),
            filters: filters.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn parses_qq_template() {
        let tokens = parse("{method}&{path|percent}&{params|percent}").unwrap();
        assert_eq!(
            tokens,
            vec![
                var("method", &[]),
                Token::Literal("&".into()),
                var("path", &["percent"]),
                Token::Literal("&".into()),
                var("params", &["percent"]),
            ]
        );
    }

    #[test]
    fn unescapes_braces_and_rejects_malformed() {
        assert_eq!(parse("{{x}}").unwrap(), vec![Token::Literal("{x}".into())]);
        assert!(parse("{params").unwrap_err().contains("never closed"));
        assert!(parse("a}b").unwrap_err().contains("unmatched"));
        assert!(parse("{}").unwrap_err().contains("not a variable"));
        assert!(
            parse("{path|percnt}")
                .unwrap_err()
                .contains("did you mean `percent`")
        );
    }
}
