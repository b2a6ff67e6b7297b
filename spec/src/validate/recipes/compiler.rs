//! Resolving one recipe's names against one endpoint, into the model's templates and lists.

use super::*;

/// Resolves one recipe's names against one endpoint.
pub(super) struct Compiler<'c, 'a> {
    pub(super) ctx: &'c mut Ctx<'a>,
    pub(super) platform: &'c Platform,
    pub(super) endpoint: &'c model::Endpoint,
    pub(super) earlier: &'c [SignatureRecipe],
    pub(super) requires: Vec<String>,
    pub(super) at: String,
    /// Every parsed recipe, to tell a signature listed too late from a cycle.
    pub(super) recipes: &'c ParsedRecipes<'c>,
    /// The endpoint's `sign` list, and the recipe being compiled.
    pub(super) sign: &'c [String],
    pub(super) current: &'c str,
}

impl Compiler<'_, '_> {
    /// Why signature `name`, used by the current recipe, is not computed yet: it is listed
    /// later in `sign`, or it needs the current one (a cycle). `None` when it is no signature.
    pub(super) fn order_problem(&self, name: &str) -> Option<String> {
        let declared = self.recipes.0.iter().any(|r| r.name == name);
        if !declared {
            return None;
        }
        if let Some(cycle) = self.recipes.cycle(self.current, name) {
            let shown: Vec<String> = cycle.iter().map(|n| format!("`{n}`")).collect();
            return Some(format!("{} is a cycle", shown.join(" → ")));
        }
        if self.sign.iter().any(|s| s == name) {
            Some(format!("signature `{name}` is used before it is computed"))
        } else {
            Some(format!(
                "signature `{name}` is not computed for this endpoint; add it to `sign`"
            ))
        }
    }

    pub(super) fn require(&mut self, credential: &str) {
        if !self.requires.iter().any(|r| r == credential) {
            self.requires.push(credential.to_owned());
        }
    }

    /// A variable that names a value; `None` after reporting why it cannot be used.
    /// The flag says whether the value may be absent.
    pub(super) fn source(&mut self, name: &str, at: &str) -> Option<(Source, bool)> {
        let field = self.endpoint.request_field(name);
        let credential = self.platform.credential(name);
        if field.is_some() && credential.is_some() {
            self.ctx.error(
                Code::Collision,
                at,
                format!("'{name}' is both a request field and a credential"),
                None,
            );
            return None;
        }
        if let Some(f) = field {
            return Some((Source::Field(name.to_owned()), !f.required));
        }
        if let Some(c) = credential {
            if c.optional {
                self.require(name);
            }
            return Some((Source::Credential(name.to_owned()), c.optional));
        }
        if let Some(sig) = self.earlier.iter().find(|s| s.name == name) {
            let inherited = sig.requires.clone();
            for r in &inherited {
                self.require(r);
            }
            return Some((Source::Signature(name.to_owned()), !inherited.is_empty()));
        }
        match name {
            "path" if self.endpoint.kind() == EndpointKind::Call => {
                return Some((Source::Path, false));
            }
            "path" => self.ctx.error(
                Code::NotApplicable,
                at,
                "{path} is only known for call endpoints",
                None,
            ),
            "body"
                if self.endpoint.kind() != EndpointKind::Frontend
                    && self.endpoint.encoding != Encoding::Query =>
            {
                return Some((Source::Body, false));
            }
            "body" => self.ctx.error(
                Code::NotApplicable,
                at,
                "{body} needs an endpoint with a JSON or form body",
                None,
            ),
            _ => {
                let mut known: Vec<&str> = vec!["params", "path", "method", "body"];
                known.extend(self.endpoint.request.iter().map(|f| f.wire.as_str()));
                known.extend(self.platform.credentials.iter().map(|c| c.name.as_str()));
                known.extend(self.earlier.iter().map(|s| s.name.as_str()));
                if let Some(message) = self.order_problem(name) {
                    let hint = (!message.contains("cycle"))
                        .then(|| format!("list `{name}` before `{}` in `sign`", self.current));
                    self.ctx.error_for_endpoint(
                        Code::Order,
                        at,
                        message,
                        hint,
                        &self.endpoint.name,
                        Some(name),
                    );
                    return None;
                }
                self.ctx.error_for_endpoint(
                    Code::UnknownName,
                    at,
                    format!("unknown name `{name}`"),
                    did_you_mean(name, known),
                    &self.endpoint.name,
                    Some(name),
                );
            }
        }
        None
    }

    pub(super) fn template(
        &mut self,
        tokens: &[Token],
        at: &str,
        params: Option<&ParamList>,
    ) -> Template {
        let mut parts = Vec::new();
        for token in tokens {
            match token {
                Token::Literal(text) => parts.push(Part::Literal(text.clone())),
                Token::Variable { name, filters } => {
                    // Names were checked when the template was parsed.
                    let filters: Vec<Transform> = filters
                        .iter()
                        .filter_map(|f| Transform::from_name(f))
                        .collect();
                    match name.as_str() {
                        "params" => match params {
                            Some(list) => parts.push(Part::Params {
                                list: list.clone(),
                                filters,
                            }),
                            None => self.ctx.error(
                                Code::NotApplicable,
                                at,
                                "{params} is only allowed in the recipe's template",
                                None,
                            ),
                        },
                        "method" => match self.endpoint.method() {
                            Some(m) => parts.push(Part::Literal(gamechannel_core::apply_all(
                                m.as_str(),
                                &filters,
                            ))),
                            None => self.ctx.error(
                                Code::NotApplicable,
                                at,
                                "{method} needs an endpoint with an HTTP method",
                                None,
                            ),
                        },
                        _ => {
                            if let Some((source, _)) = self.source(name, at) {
                                parts.push(Part::Value { source, filters });
                            }
                        }
                    }
                }
            }
        }
        Template { parts }
    }

    pub(super) fn params(&mut self, recipe: &ParsedRecipe) -> ParamList {
        let set = &recipe.params;
        let params_at = join_key(&self.at, "params");
        let mut items: Vec<Param> = Vec::new();
        for (i, excluded) in set.exclude.iter().enumerate() {
            if self.endpoint.request_field(excluded).is_none() {
                self.ctx.error_for_endpoint(
                    Code::UnknownName,
                    &join_index(&join_key(&params_at, "exclude"), i),
                    format!("`{excluded}` is not a request field"),
                    did_you_mean(
                        excluded,
                        self.endpoint.request.iter().map(|f| f.wire.as_str()),
                    ),
                    &self.endpoint.name,
                    Some(excluded),
                );
            }
        }
        if set.from == ParamSource::Request {
            for f in &self.endpoint.request {
                if !f.signed || set.exclude.contains(&f.wire) {
                    continue;
                }
                if f.ty == spec::FieldType::Object && !f.json_string {
                    self.ctx.error(
                        Code::NotApplicable,
                        &params_at,
                        format!(
                            "object field '{}' cannot be signed; mark it `signed: false`",
                            f.wire
                        ),
                        None,
                    );
                    continue;
                }
                items.push(Param {
                    name: f.wire.clone(),
                    value: ParamValue::Source(Source::Field(f.wire.clone())),
                    optional: !f.required,
                });
            }
        }
        for (i, name) in set.include.iter().enumerate() {
            let at = join_index(&join_key(&params_at, "include"), i);
            if let Some((source, optional)) = self.source(name, &at) {
                if matches!(source, Source::Path | Source::Body) {
                    self.ctx.error(
                        Code::Invalid,
                        &at,
                        format!("'{name}' is not a parameter; use {{{name}}} in the template"),
                        None,
                    );
                    continue;
                }
                items.push(Param {
                    name: name.clone(),
                    value: ParamValue::Source(source),
                    optional,
                });
            }
        }
        for (name, tokens) in &recipe.extras {
            let at = join_key(&join_key(&params_at, "extra"), name);
            let before = self.requires.len();
            let template = self.template(tokens, &at, None);
            let optional = self.requires.len() > before;
            items.push(Param {
                name: (*name).to_owned(),
                value: ParamValue::Template(template),
                optional,
            });
        }
        for (i, item) in items.iter().enumerate() {
            if items[..i].iter().any(|p| p.name == item.name) {
                self.ctx.error(
                    Code::Collision,
                    &params_at,
                    format!("parameter '{}' appears twice", item.name),
                    None,
                );
            }
        }
        if set.sort == SortOrder::Name {
            items.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        }
        ParamList {
            items,
            pair: set.pair.clone(),
            join: set.join.clone(),
            encode: set.encode,
            skip_empty: set.skip_empty,
            by_value: set.sort == SortOrder::Value,
            values_only: set.values_only,
        }
    }
}
