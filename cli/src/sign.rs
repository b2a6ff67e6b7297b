//! `gamechannel sign`: every signature of an endpoint, with its string-to-sign, step by step.

use std::process::ExitCode;

use clap::Args;
use gamechannel_codegen::body;
use gamechannel_codegen::eval::{self, Computed, Inputs};
use gamechannel_codegen::model::{Endpoint, FieldType, ParamValue, Part, SignatureRecipe};

use crate::inputs;
use gamechannel_cli::specs::Catalog;

/// Arguments of `sign`.
#[derive(Args)]
pub struct SignArgs {
    /// PLATFORM.ENDPOINT, e.g. wechat_midas.get_balance.
    target: String,
    /// Request fields as FIELD=VALUE, values exactly as sent.
    values: Vec<String>,
    /// Environment whose path is signed (default: the platform's first).
    #[arg(long = "env")]
    environment: Option<String>,
    /// Credentials as NAME=VALUE.
    #[arg(long = "cred", value_name = "NAME=VALUE")]
    credentials: Vec<String>,
    /// Sign over this path instead of the endpoint's.
    #[arg(long)]
    path: Option<String>,
    /// A file holding the raw request body to sign exactly as it is (`-` reads stdin); the
    /// request fields are read from it. Without it, `{body}` is the body the generated client
    /// would send for the FIELD=VALUE given.
    #[arg(long, value_name = "FILE")]
    body: Option<std::path::PathBuf>,
    /// Print one JSON object: {"signatures": {"<name>": {"string_to_sign", "value"}}}.
    #[arg(long)]
    json: bool,
    /// Show secret credentials inside strings-to-sign (hidden as <name> otherwise).
    #[arg(long)]
    show_secrets: bool,
}

/// Runs `sign`.
pub fn run(catalog: &Catalog, args: &SignArgs) -> Result<ExitCode, String> {
    let (platform, endpoint) = catalog.endpoint(&args.target)?;
    if endpoint.signatures.is_empty() {
        return Err(format!("{} has no signatures", args.target));
    }
    let environment = inputs::environment(platform, args.environment.as_deref())?;
    let credentials = inputs::credentials(platform, &args.credentials)?;
    let (fields, body) = match &args.body {
        // A recipe signed on its own has no body of its own to read fields from: its
        // parameters are given as FIELD=VALUE next to the body.
        Some(file) if platform.endpoint(&endpoint.name).is_none() => {
            let fields = request_fields(endpoint, &args.values)?;
            (fields, inputs::read_body(file)?)
        }
        Some(file) => {
            if !args.values.is_empty() {
                return Err("give the request either as FIELD=VALUE or as --body, not both".into());
            }
            let raw = inputs::read_body(file)?;
            let fields = body::body_fields(endpoint, &raw)?;
            (fields, raw)
        }
        None => {
            let fields = request_fields(endpoint, &args.values)?;
            let built = body::request_body(platform, endpoint, &fields, &credentials);
            (fields, built)
        }
    };
    let path = inputs::path(endpoint, environment, args.path.as_deref());
    let signed = eval::sign_endpoint(
        endpoint,
        &Inputs {
            fields: &fields,
            credentials: &credentials,
            path: &path,
            body: &body,
        },
    )
    .map_err(|e| e.to_string())?;
    let mask = |text: &str| inputs::mask(text, platform, &credentials, args.show_secrets);
    if args.json {
        let mut signatures = serde_json::Map::new();
        for c in &signed {
            signatures.insert(
                c.signature.clone(),
                serde_json::json!({ "string_to_sign": mask(&c.string_to_sign), "value": c.value }),
            );
        }
        println!("{}", serde_json::json!({ "signatures": signatures }));
        return Ok(ExitCode::SUCCESS);
    }
    let method = endpoint.method().map(|m| m.as_str()).unwrap_or_default();
    println!(
        "{}.{} ({environment}) {method} {path}",
        platform.name, endpoint.name
    );
    for recipe in &endpoint.signatures {
        match signed.iter().find(|c| c.signature == recipe.name) {
            Some(c) => print_steps(recipe, c, &fields, &mask),
            None => println!(
                "\n{}: not sent, it needs credential(s) {}",
                recipe.name,
                recipe.requires.join(", ")
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Request fields given as FIELD=VALUE, checked against the endpoint.
pub(crate) fn request_fields(
    endpoint: &Endpoint,
    raw: &[String],
) -> Result<Vec<(String, String)>, String> {
    let names: Vec<&str> = endpoint.request.iter().map(|f| f.wire.as_str()).collect();
    let fields = inputs::pairs(raw, "field", &names)?;
    for (name, value) in &fields {
        let int = endpoint
            .request_field(name)
            .is_some_and(|f| f.ty == FieldType::Int);
        if int && value.parse::<i64>().is_err() {
            return Err(format!("field '{name}' is an int, got '{value}'"));
        }
    }
    Ok(fields)
}

fn print_steps(
    recipe: &SignatureRecipe,
    computed: &Computed,
    fields: &[(String, String)],
    mask: &dyn Fn(&str) -> String,
) {
    let key = recipe
        .key
        .as_ref()
        .map(|k| format!(", key `{}`", k.describe()))
        .unwrap_or_default();
    println!(
        "\n{} ({}{key}, output {}; sent as `{}` in the {})",
        recipe.name,
        recipe.algorithm.name(),
        recipe.output.name(),
        recipe.wire,
        match recipe.travels_in {
            gamechannel_codegen::model::Location::Query => "query",
            gamechannel_codegen::model::Location::Body => "body",
        }
    );
    let mut step = 1;
    for part in &recipe.message.parts {
        if let Part::Params { list, .. } = part {
            let names: Vec<String> = list
                .items
                .iter()
                .map(|p| {
                    let absent = matches!(&p.value, ParamValue::Source(s) if p.optional
                        && matches!(s, gamechannel_codegen::model::Source::Field(f)
                            if !fields.iter().any(|(n, v)| n == f && !(v.is_empty() && list.skip_empty))));
                    if absent { format!("({} absent, left out)", p.name) } else { p.name.clone() }
                })
                .collect();
            println!("  {step}. parameters in order: {}", names.join(", "));
            step += 1;
        }
    }
    println!("  {step}. template: {}", recipe.message.describe());
    println!(
        "  {}. string to sign:\n     {}",
        step + 1,
        mask(&computed.string_to_sign)
    );
    println!("  {}. {} = {}", step + 2, recipe.name, computed.value);
}
