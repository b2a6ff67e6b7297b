//! Shared by the command-line tests: the `gamechannel` binary run as a user runs it.

#![allow(dead_code)] // each test file uses a different part

use std::process::{Command, Output};

/// Runs `gamechannel` with `args` from the repository root.
pub fn gamechannel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the gamechannel binary runs")
}

/// Writes a received body to a file of its own (tests run in parallel) and gives its path.
pub fn body_file(tag: &str, name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("gamechannel-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, body).unwrap();
    file.to_string_lossy().into_owned()
}

/// The standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `verify` over an example's values and expected signatures, as the platform would send
/// them (values it encodes twice encoded twice); the number of signatures checked.
pub fn verify_example(
    target: &str,
    endpoint: &gamechannel_codegen::model::Endpoint,
    example: &gamechannel_codegen::model::Example,
) -> usize {
    let twice = endpoint.encoded_twice();
    let mut pairs = example.request.clone();
    for expected in &example.expect {
        let recipe = endpoint
            .signatures
            .iter()
            .find(|r| r.name == expected.signature)
            .unwrap();
        pairs.push((recipe.wire.clone(), expected.value.clone()));
    }
    let raw = pairs
        .iter()
        .map(|(n, v)| {
            let once = gamechannel_core::percent_encode(v);
            let value = if twice.contains(&n.as_str()) {
                gamechannel_core::percent_encode(&once)
            } else {
                once
            };
            format!("{n}={value}")
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut args = vec!["verify".to_owned(), target.to_owned(), raw];
    for (name, value) in &example.credentials {
        args.extend(["--cred".into(), format!("{name}={value}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = gamechannel(&args);
    assert!(
        output.status.success(),
        "{args:?}: {}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    example.expect.len()
}
