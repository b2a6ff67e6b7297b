//! `gamechannel generate` and `gamechannel check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gamechannel_codegen::generated::{stale_files, write_all};
use gamechannel_codegen::load::check_files;

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
    /// `human` (rustc-like, on stderr) or `json` (one object a line, on stdout).
    #[arg(long, value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// Show at most this many problems (the rest are counted).
    #[arg(long, default_value_t = 100)]
    max_problems: usize,
}

/// How `check` prints problems.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-like: source line, underline, labels, help; in color on a terminal.
    Human,
    /// One JSON object a line, for editors and CI.
    Json,
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

/// Runs `check`: problems on stderr (or JSON on stdout), exit 1 on any error.
pub fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let files = if args.files.is_empty() {
        gamechannel_codegen::yaml_files(std::path::Path::new("specs"))
            .map_err(|e| format!("{e} (pass spec files, or run from the repository root)"))?
    } else {
        args.files.clone()
    };
    let (platforms, problems) = check_files(&files);
    // The process ends after this report: freeing a large spec's model item by item would
    // only add time that grows with the spec, so it is left to the operating system.
    let platforms = std::mem::ManuallyDrop::new(platforms);
    let failed = problems.has_errors();
    match args.message_format {
        MessageFormat::Json => {
            for d in &problems.0 {
                println!("{}", d.to_json());
            }
        }
        MessageFormat::Human => {
            let color = use_color();
            let shown = problems.0.len().min(args.max_problems);
            for d in &problems.0[..shown] {
                eprintln!("{}\n", d.render(color));
            }
            if problems.0.len() > shown {
                eprintln!("… and {} more\n", problems.0.len() - shown);
            }
            if !problems.0.is_empty() {
                eprintln!("{}", problems.summary());
            }
        }
    }
    if failed {
        return Ok(ExitCode::from(1));
    }
    if matches!(args.message_format, MessageFormat::Human) {
        let endpoints: usize = platforms.iter().map(|p| p.endpoints.len()).sum();
        println!(
            "ok: {} specs, {endpoints} endpoints, every example reproduces",
            platforms.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Color on a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
