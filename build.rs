//! Compiles the seed platform specs into `OUT_DIR`; `include_specs!()` in src/lib.rs includes
//! them. Also lists their text for `gamechannel::SEED_SPECS`, so that tools interpreting specs (the
//! `gamechannel` command) carry the same seeds wherever they are installed from.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let built = gamechannel_codegen::Builder::new()
        .specs_in(&specs)
        .feature_gates(true)
        .agreement_tests("gamechannel")
        .compile();
    // A broken spec fails the build with every problem located, never with a panic trace.
    if let Err(e) = built {
        eprintln!("{e}");
        std::process::exit(1);
    }
    if let Err(e) = write_seed_list(&specs) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

/// `OUT_DIR/seed_specs.rs`: `(shown name, include_str!(absolute path))` per spec, by name.
fn write_seed_list(specs: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = String::from("&[\n");
    for file in gamechannel_codegen::yaml_files(specs)? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let absolute = file.canonicalize()?;
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("specs/{name}"),
            absolute.display().to_string()
        )?;
    }
    out.push_str("]\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    std::fs::write(out_dir.join("seed_specs.rs"), out)?;
    Ok(())
}
