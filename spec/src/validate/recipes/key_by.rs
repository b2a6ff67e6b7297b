//! `key_by`: the key of a signature chosen by a field's value, among credentials.

use super::*;

/// Checks `key_by`: a keyed algorithm whose `key` and chosen keys are each one credential
/// that is always given (a key that may be absent would leave the choice without a key).
pub(super) fn key_choice<'s>(
    ctx: &mut Ctx,
    spec: &Spec,
    at: &str,
    recipe: &spec::Signature,
    by: &'s spec::KeyBy,
) -> Option<(&'s str, Vec<(String, String)>)> {
    let by_at = join_key(at, "key_by");
    if !recipe.algorithm.0.takes_key() {
        ctx.error(
            Code::NotApplicable,
            &by_at,
            "a plain hash has no key to choose",
            None,
        );
        return None;
    }
    if by.values.is_empty() {
        ctx.error(
            Code::Invalid,
            &join_key(&by_at, "values"),
            "`key_by` chooses no key: give at least one value",
            Some("e.g. `values: { \"1\": \"{sandbox_key}\" }`".into()),
        );
        return None;
    }
    let known: Vec<&str> = spec.credentials.keys().map(String::as_str).collect();
    let credential = |ctx: &mut Ctx, at: &str, text: &str| -> Option<String> {
        let name = match template::parse(text).ok().as_deref() {
            Some([Token::Variable { name, filters }]) if filters.is_empty() => name.clone(),
            _ => {
                ctx.error(
                    Code::Invalid,
                    at,
                    format!("`{text}` is not one credential: `key_by` chooses among credentials"),
                    Some("write the credential alone, e.g. \"{sandbox_key}\"".into()),
                );
                return None;
            }
        };
        match spec.credentials.get(&name).and_then(|c| c.ok()) {
            Some(c) if c.optional => {
                ctx.error(
                    Code::NotApplicable,
                    at,
                    format!("credential '{name}' is optional; a key chosen by a field must always be given"),
                    None,
                );
                None
            }
            Some(_) => Some(name),
            None if known.contains(&name.as_str()) => None,
            None => {
                ctx.error(
                    Code::UnknownName,
                    at,
                    format!("'{name}' is not a credential"),
                    did_you_mean(&name, known.iter().copied())
                        .or_else(|| Some(format!("credentials: {}", known.join(", ")))),
                );
                None
            }
        }
    };
    let default = recipe
        .key
        .as_deref()
        .map(|k| credential(ctx, &join_key(at, "key"), k));
    // Every value is checked, so that each mistake is reported at once.
    let mut values = Vec::new();
    let mut complete = default.flatten().is_some();
    for (value, key) in &by.values {
        match credential(ctx, &join_key(&join_key(&by_at, "values"), value), key) {
            Some(name) => values.push((value.clone(), name)),
            None => complete = false,
        }
    }
    complete.then_some((by.field.as_str(), values))
}
