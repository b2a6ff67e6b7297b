//! The `gamechannel` command: generate, check, sign, call, verify.

mod call;
mod generate;
mod inputs;
mod sign;
mod verify;

use gamechannel_cli::specs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// A spec is read into many small values that live until the command ends; this allocator
// keeps them close together and frees them in bulk.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Specs, signatures and callbacks of game distribution platforms.
#[derive(Parser)]
#[command(name = "gamechannel", version, about)]
struct Cli {
    /// Extra or replacement spec files (a platform defined here replaces the built-in one).
    #[arg(long = "spec", value_name = "FILE", global = true)]
    specs: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ (docs, JSON Schema, Rust) from specs/.
    Generate(generate::GenerateArgs),
    /// Validate specs and print every problem, located; exit 1 on any.
    Check(generate::CheckArgs),
    /// Compute an endpoint's signatures and show each string-to-sign step by step.
    Sign(sign::SignArgs),
    /// Call an endpoint (the real platform or the mock): request, signatures, answer, error doc.
    Call(call::CallArgs),
    /// Say whether a received callback (or request) is genuine, and why not; exit 1 if not.
    Verify(verify::VerifyArgs),
    /// Run the mock platform in-process and drive every seed endpoint through the generated clients.
    Tour,
    /// Serve every platform on loopback with checks, state and faults; or send a callback.
    // Boxed: the mock has many flags, the other commands few.
    Mock(Box<gamechannel_cli::mock::cli::MockArgs>),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::generate(&args),
        Command::Check(args) => generate::check(&args),
        Command::Sign(args) => specs::Catalog::load(&cli.specs).and_then(|c| sign::run(&c, &args)),
        Command::Call(args) => specs::Catalog::load(&cli.specs).and_then(|c| call::run(&c, &args)),
        Command::Verify(args) => {
            specs::Catalog::load(&cli.specs).and_then(|c| verify::run(&c, &args))
        }
        Command::Tour => tour(),
        Command::Mock(args) => specs::Catalog::load(&cli.specs)
            .and_then(|c| gamechannel_cli::mock::cli::run(&c, *args)),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the tour on the built-in specs (a `--spec` replacing a seed would not match the
/// compiled-in clients, so the tour always uses the seeds).
fn tour() -> Result<ExitCode, String> {
    let catalog = specs::Catalog::load(&[])?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let behaved = runtime.block_on(gamechannel_cli::tour::run(catalog.platforms().to_vec()))?;
    Ok(if behaved {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
