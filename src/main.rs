//! The command line: parse, validate, dispatch; every error becomes one message and exit 1
//! (clap's own usage errors exit 2).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use clap::error::ErrorKind;

use fisherballs::cli::progress::Progress;
use fisherballs::cli::{Cli, Command, one_line};
use fisherballs::figure_file::{FigureFile, GALLERY};
use fisherballs::output::{write_all, write_atomic};
use fisherballs::request::check_directory;
use fisherballs::uses::{self, Use};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version are asked for: clap prints them as it does.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // A malformed command line: two lines, what is wrong and where to read more.
        Err(e) if e.kind() != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("error: {}", one_line(&e));
            eprintln!("For more information, try '--help'.");
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Figure(command) => write(&*uses::request(&command)?),
        Command::Render { file, out } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read the figure file '{}'", file.display()))?;
            render(&text, &out).with_context(|| format!("{}", file.display()))
        }
        Command::Gallery { out } => render(GALLERY, &out).context("gallery/figures.toml"),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut grammar = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut grammar, "fisherballs", &mut script);
            print(&script)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .context("cannot write the manual page")?;
            print(&page)
        }
        Command::Families => print(fisherballs::cli::families::markdown_table().as_bytes()),
    }
}

/// Bytes to standard output.
fn print(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")
}

/// Draws one figure and writes it, atomically: a failure leaves no partial or stale file.
fn write(request: &dyn Use) -> Result<()> {
    check_directory(request.output())?;
    let progress = Progress::spinner(&format!("drawing {}", request.output().display()));
    let drawn = uses::draw(request)?;
    drop(progress);
    for note in &drawn.notes {
        eprintln!("note: {note}");
    }
    write_atomic(request.output(), &drawn.bytes)
}

/// Validates every figure of a figure file and draws them all, then writes them all or none
/// (subdirectories of `out` made as needed), printing `wrote PATH` for each.
fn render(text: &str, out: &Path) -> Result<()> {
    let file = FigureFile::parse(text, out)?;
    let files = file.draw()?;
    write_all(out, &files, |paths| {
        let mut stdout = std::io::stdout().lock();
        paths
            .iter()
            .try_for_each(|p| writeln!(stdout, "wrote {}", p.display()))
            .and_then(|()| stdout.flush())
            .context("cannot print to standard output, so nothing was written")
    })
}
