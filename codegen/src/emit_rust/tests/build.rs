//! Small constructors for hand-built model values.

use crate::model::*;

pub fn field(wire: &str, ty: FieldType, required: bool) -> Field {
    Field {
        wire: wire.into(),
        rust: heck::ToSnakeCase::to_snake_case(wire),
        ty,
        required,
        allow_empty: false,
        doc: Some(format!("The `{wire}` value.")),
        constraints: Constraints::default(),
        secret: false,
        signed: true,
        fields: Vec::new(),
        cloud_name: None,
        encoded_twice: false,
        json_string: false,
        in_query: false,
        json: false,
    }
}

pub fn s(wire: &str) -> Field {
    field(wire, FieldType::String, true)
}

pub fn opt(wire: &str) -> Field {
    field(wire, FieldType::String, false)
}

pub fn int(wire: &str) -> Field {
    field(wire, FieldType::Int, true)
}

pub fn cred(name: &str, secret: bool, optional: bool, travels_in: Option<Location>) -> Credential {
    Credential {
        name: name.into(),
        secret,
        per_user: false,
        optional,
        travels_in,
        issued_by: None,
        doc: None,
    }
}

pub fn env(name: &str, base_url: &str) -> Environment {
    Environment {
        name: name.into(),
        base_url: base_url.into(),
        doc: None,
    }
}

pub fn lit(text: &str) -> Part {
    Part::Literal(text.into())
}

pub fn val(source: Source, filters: Vec<Transform>) -> Part {
    Part::Value { source, filters }
}

pub fn credential(name: &str) -> Source {
    Source::Credential(name.into())
}

pub fn template(parts: Vec<Part>) -> Template {
    Template { parts }
}

/// A parameter taken from a field, credential or signature.
pub fn param(name: &str, source: Source, optional: bool) -> Param {
    Param {
        name: name.into(),
        value: ParamValue::Source(source),
        optional,
    }
}

pub fn field_param(name: &str, optional: bool) -> Param {
    param(name, Source::Field(name.into()), optional)
}

pub fn pseudo(name: &str, parts: Vec<Part>) -> Param {
    Param {
        name: name.into(),
        value: ParamValue::Template(template(parts)),
        optional: false,
    }
}

pub fn params(items: Vec<Param>, skip_empty: bool, filters: Vec<Transform>) -> Part {
    Part::Params {
        list: ParamList {
            items,
            pair: "=".into(),
            join: "&".into(),
            encode: ValueEncoding::Raw,
            skip_empty,
            by_value: false,
            values_only: false,
        },
        filters,
    }
}

#[allow(clippy::too_many_arguments)]
pub fn recipe(
    name: &str,
    wire: &str,
    travels_in: Location,
    algorithm: Algorithm,
    output: Output,
    key: Option<Template>,
    message: Vec<Part>,
    requires: &[&str],
) -> SignatureRecipe {
    let message = template(message);
    let plan = crate::plan::lower_recipe(key.as_ref(), &message, &|_| false);
    SignatureRecipe {
        name: name.into(),
        wire: wire.into(),
        travels_in,
        algorithm,
        output,
        key,
        message,
        requires: requires.iter().map(|r| r.to_string()).collect(),
        case_insensitive: false,
        algorithm_by: None,
        encoded_twice: false,
        doc: None,
        plan,
    }
}

pub fn error(code: i64, name: &str, retry: bool) -> ErrorCode {
    ErrorCode {
        code,
        name: name.into(),
        doc: Some(format!("{name} ({code})")),
        retry,
        when: Vec::new(),
        field: None,
        signature: None,
    }
}

pub fn endpoint(
    name: &str,
    kind: EndpointKind,
    method: Option<Method>,
    encoding: Encoding,
) -> Endpoint {
    let method = method.unwrap_or(Method::Get);
    let shape = match kind {
        EndpointKind::Call => Shape::Call(Call {
            method,
            ..Call::default()
        }),
        EndpointKind::Callback => Shape::Callback(Callback {
            method,
            ..Callback::default()
        }),
        EndpointKind::Frontend => Shape::Frontend(Frontend::default()),
    };
    Endpoint {
        name: name.into(),
        shape,
        title: None,
        doc: Some(format!("The {name} endpoint.")),
        encoding,
        sends: Vec::new(),
        request: Vec::new(),
        response: Vec::new(),
        errors: Vec::new(),
        omit_empty: true,
        signatures: Vec::new(),
        examples: Vec::new(),
    }
}

/// What only a call has, of an endpoint the test built as one.
pub fn call_of(endpoint: &mut Endpoint) -> &mut Call {
    match &mut endpoint.shape {
        Shape::Call(call) => call,
        _ => panic!("`{}` is not a call", endpoint.name),
    }
}

/// What only a callback has, of an endpoint the test built as one.
pub fn callback_of(endpoint: &mut Endpoint) -> &mut Callback {
    match &mut endpoint.shape {
        Shape::Callback(callback) => callback,
        _ => panic!("`{}` is not a callback", endpoint.name),
    }
}

/// What only a frontend payload has, of an endpoint the test built as one.
pub fn frontend_of(endpoint: &mut Endpoint) -> &mut Frontend {
    match &mut endpoint.shape {
        Shape::Frontend(page) => page,
        _ => panic!("`{}` is not a frontend payload", endpoint.name),
    }
}

pub fn path(environment: &str, path: &str) -> EnvironmentPath {
    EnvironmentPath {
        environment: environment.into(),
        path: path.into(),
    }
}

pub fn example(
    name: &str,
    path: &str,
    credentials: &[(&str, &str)],
    request: &[(&str, &str)],
    expect: &[(&str, &str, &str)],
) -> Example {
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    Example {
        name: name.into(),
        source: Some("computed for this test".into()),
        environment: "production".into(),
        path: path.into(),
        credentials: pairs(credentials),
        request: pairs(request),
        body: None,
        expect: expect
            .iter()
            .map(|(signature, string_to_sign, value)| ExpectedSignature {
                signature: signature.to_string(),
                string_to_sign: string_to_sign.to_string(),
                value: value.to_string(),
            })
            .collect(),
    }
}

pub fn platform(
    name: &str,
    environments: Vec<Environment>,
    credentials: Vec<Credential>,
) -> Platform {
    Platform {
        name: name.into(),
        title: format!("{name} (test fixture)"),
        doc: Some("Hand-built for the emitter's tests.".into()),
        docs_url: None,
        source: format!("tests/{name}.yaml"),
        environments,
        credentials,
        envelope: None,
        errors: Vec::new(),
        error_table: Vec::new(),
        endpoints: Vec::new(),
        sdk: None,
        cloud: None,
        recipe_examples: Vec::new(),
    }
}
