//! A studio's own build script: compile the private spec with the same generator as the seeds.

fn main() {
    if let Err(e) = gamechannel_codegen::Builder::new()
        .specs_in("specs")
        .compile()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
