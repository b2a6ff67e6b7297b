//! Embeds the seed specs, so `gamechannel sign` and `verify` work from any directory.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    let mut out =
        String::from("/// Seed specs compiled into the command: (name as shown, text).\n");
    out.push_str("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for file in files {
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let absolute = file.canonicalize().unwrap_or(file);
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("specs/{name}"),
            absolute.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("embedded_specs.rs"), out).expect("OUT_DIR is writable");
}
