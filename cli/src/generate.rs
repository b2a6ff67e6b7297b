//! `gamechannel generate` and `gamechannel check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gamechannel_codegen::generated::{stale_files, write_all};
use gamechannel_codegen::load::load_files;

/// Arguments of `generate`.
#[derive(Args)]
pub struct GenerateArgs {
    /// Directory of spec files.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// Directory to (re)generate.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Change nothing; exit 1 and list what is stale.
    #[arg(long)]
    check: bool,
}

/// Arguments of `check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Spec files (default: every specs/*.yaml).
    files: Vec<PathBuf>,
}

/// Runs `generate`.
pub fn generate(args: &GenerateArgs) -> Result<ExitCode, String> {
    if !args.specs.is_dir() {
        return Err(format!(
            "no spec directory '{}': run from the repository root or pass --specs DIR",
            args.specs.display()
        ));
    }
    if args.check {
        let stale = stale_files(&args.specs, &args.out).map_err(|e| e.to_string())?;
        if stale.is_empty() {
            println!("{} is up to date", args.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        for (path, what) in &stale {
            println!("{}/{path}: {what}", args.out.display());
        }
        println!(
            "{} is stale: run `cargo run -p gamechannel-cli -- generate`",
            args.out.display()
        );
        return Ok(ExitCode::from(1));
    }
    let written = write_all(&args.specs, &args.out).map_err(|e| e.to_string())?;
    println!(
        "generated {} files in {}",
        written.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `check`.
pub fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let files = if args.files.is_empty() {
        gamechannel_codegen::yaml_files(std::path::Path::new("specs"))
            .map_err(|e| format!("{e} (pass spec files, or run from the repository root)"))?
    } else {
        args.files.clone()
    };
    match load_files(&files) {
        Ok(platforms) => {
            let endpoints: usize = platforms.iter().map(|p| p.endpoints.len()).sum();
            println!(
                "ok: {} specs, {endpoints} endpoints, every example reproduces",
                platforms.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            for d in &diagnostics.0 {
                println!("{d}");
            }
            let n = diagnostics.0.len();
            println!("{n} problem{}", if n == 1 { "" } else { "s" });
            Ok(ExitCode::from(1))
        }
    }
}
