//! A studio's own build script: compile the private spec with the same generator as the seeds.

fn main() {
    if let Err(e) = gamechannel_codegen::Builder::new()
        .specs_in("specs")
        // Our own test that the generated code agrees with the spec interpreter.
        .agreement_tests("private_platform")
        .compile()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
