//! Compiles the seed platform specs into `OUT_DIR`; `include_specs!()` in src/lib.rs includes them.

fn main() {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let built = gamechannel_codegen::Builder::new()
        .specs_in(specs)
        .feature_gates(true)
        .agreement_tests("gamechannel")
        .compile();
    // A broken spec fails the build with every problem located, never with a panic trace.
    if let Err(e) = built {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
