//! Hand-built recipes and endpoints shared by the interpreter tests.
// Each test file uses a different part of it.
#![allow(dead_code, unused_imports)]

pub use gamechannel_spec::model::{
    Algorithm, Call, Callback, Encoding, Endpoint, EndpointKind, Frontend, Location, Method,
    Output, Param, ParamList, ParamValue, Part, Shape, SignatureRecipe, Source, Template,
    Transform, ValueEncoding,
};
pub use gamechannel_spec::plan::lower_recipe;

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

pub fn lit(text: &str) -> Part {
    Part::Literal(text.to_owned())
}

pub fn val(source: Source) -> Part {
    Part::Value {
        source,
        filters: vec![],
    }
}

pub fn cred(name: &str) -> Source {
    Source::Credential(name.to_owned())
}

pub fn tpl(parts: Vec<Part>) -> Template {
    Template { parts }
}

/// A parameter: `?name` is an optional field, `name` a required one.
pub fn field(name: &str) -> Param {
    let (name, optional) = match name.strip_prefix('?') {
        Some(n) => (n, true),
        None => (name, false),
    };
    Param {
        name: name.to_owned(),
        value: ParamValue::Source(Source::Field(name.to_owned())),
        optional,
    }
}

pub fn fields(names: &[&str]) -> Vec<Param> {
    names.iter().map(|n| field(n)).collect()
}

pub fn pseudo(name: &str, value: Template) -> Param {
    Param {
        name: name.to_owned(),
        value: ParamValue::Template(value),
        optional: false,
    }
}

pub fn list(items: Vec<Param>) -> ParamList {
    ParamList {
        items,
        pair: "=".to_owned(),
        join: "&".to_owned(),
        encode: ValueEncoding::Raw,
        skip_empty: false,
        by_value: false,
        values_only: false,
    }
}

pub fn params(items: Vec<Param>) -> Part {
    Part::Params {
        list: list(items),
        filters: vec![],
    }
}

pub fn recipe(
    name: &str,
    algorithm: Algorithm,
    output: Output,
    key: Option<Template>,
    message: Vec<Part>,
) -> SignatureRecipe {
    let message = tpl(message);
    // Hand-built recipes name their optional fields in their parameter lists only.
    let plan = lower_recipe(key.as_ref(), &message, &|_| false);
    SignatureRecipe {
        name: name.to_owned(),
        wire: name.to_owned(),
        travels_in: Location::Query,
        algorithm,
        output,
        key,
        message,
        requires: vec![],
        case_insensitive: false,
        algorithm_by: None,
        encoded_twice: false,
        doc: None,
        plan,
    }
}

pub fn endpoint(kind: EndpointKind, signatures: Vec<SignatureRecipe>) -> Endpoint {
    let shape = match kind {
        EndpointKind::Call => Shape::Call(Call {
            method: Method::Post,
            ..Call::default()
        }),
        EndpointKind::Callback => Shape::Callback(Callback {
            method: Method::Post,
            ..Callback::default()
        }),
        EndpointKind::Frontend => Shape::Frontend(Frontend::default()),
    };
    Endpoint {
        name: "test".to_owned(),
        shape,
        title: None,
        doc: None,
        encoding: Encoding::Json,
        sends: vec![],
        request: vec![],
        response: vec![],
        errors: vec![],
        omit_empty: true,
        signatures,
        examples: vec![],
    }
}
