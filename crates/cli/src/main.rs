//! `werkscan`: the command-line tool for definition authors and auditors.
//!
//! ```text
//! werkscan check <file-or-dir>...             validate definitions; every error, exit 1 if any
//! werkscan score <definition> <answers.json>  print the result as JSON
//! werkscan example <definition>               print a complete answers file to start from
//! werkscan compile <dir> <out-dir>            write resolved JSON definitions and an index
//! werkscan diff <old> <new>                   what changed between two versions; exit 1 if an
//!                                             id kept with another meaning
//! ```
//!
//! `diff` takes a `.toml` questionnaire (with the parts of its tree), a resolved `.json`
//! definition (as `compile` writes them), or a directory of questionnaires on either side.
//!
//! `score` and `compile` resolve includes from the definition's own directory tree (a
//! questionnaire and its parts live together in `questionnaires/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use werkscan_cli::{compile, definition_files, diff, example_file, load_paths, score_file};

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  werkscan check <file-or-dir>...\n  werkscan score <definition.toml> <answers.json>\n  werkscan example <definition.toml>\n  werkscan compile <dir> <out-dir>\n  werkscan diff <old> <new>"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") if args.len() >= 2 => check(&args[1..]),
        Some("score") if args.len() == 3 => score_file(Path::new(&args[1]), Path::new(&args[2])).map(|json| {
            println!("{json}");
            ExitCode::SUCCESS
        }),
        Some("example") if args.len() == 2 => example_file(Path::new(&args[1])).map(|json| {
            println!("{json}");
            ExitCode::SUCCESS
        }),
        Some("compile") if args.len() == 3 => compile(Path::new(&args[1]), Path::new(&args[2])).map(|written| {
            eprintln!("wrote {written} questionnaires to {}", args[2]);
            ExitCode::SUCCESS
        }),
        Some("diff") if args.len() == 3 => diff(Path::new(&args[1]), Path::new(&args[2])).map(|(text, problems)| {
            print!("{text}");
            if problems {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }),
        _ => return usage(),
    };
    result.unwrap_or_else(|message| {
        eprintln!("werkscan: {message}");
        ExitCode::FAILURE
    })
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let files = definition_files(&paths)?;
    let loaded = load_paths(&files)?;
    // The core renders the check, so the browser's editor shows exactly these lines.
    print!("{}", loaded.report());
    Ok(if loaded.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
