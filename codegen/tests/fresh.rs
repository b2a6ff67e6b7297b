//! The committed `generated/` tree matches the specs, and every seed spec has its cargo feature.

use std::path::Path;

use gamechannel_codegen::generated::stale_files;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn generated_dir_is_fresh() {
    let stale = stale_files(&repo().join("specs"), &repo().join("generated")).unwrap();
    let listing: Vec<String> = stale
        .iter()
        .map(|(p, what)| format!("  generated/{p}: {what}"))
        .collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale:\n{}\nrun `cargo run -p gamechannel-cli -- generate` and commit the result",
        listing.join("\n")
    );
}

#[test]
fn every_seed_spec_has_a_cargo_feature_in_full() {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let full = manifest
        .lines()
        .find(|l| l.starts_with("full = "))
        .expect("the root Cargo.toml has a `full` feature");
    for file in gamechannel_codegen::yaml_files(&repo().join("specs")).unwrap() {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            manifest
                .lines()
                .any(|l| l.starts_with(&format!("{name} = "))),
            "specs/{name}.yaml has no cargo feature `{name}` in Cargo.toml [features]"
        );
        assert!(
            full.contains(&format!("\"{name}\"")),
            "feature `full` lacks `{name}`"
        );
    }
}
