//! Figure files: a TOML list of figures, each an output name, a figure command (`plot` by
//! default) and that command's flags written as keys. Every entry is turned into the arguments of that command and
//! parsed by the command line's own grammar, so a figure file is never a second code path.
//!
//! ```toml
//! index = "README.md"      # optional: write a Markdown page of every figure and its command
//! home = "gallery"         # optional: the directory the index's commands write into
//! intro = "Some words."    # optional: the index's opening paragraph
//!
//! [[figure]]
//! output = "fig1-mean-std.png"   # required, relative, inside the output directory
//! command = "plot"               # optional: plot (default) or compare
//! about = "What it shows."       # optional: for the index
//! chart = "mean-std"             # any flag of the command, by its long name
//! ball = ["quadratic", "kl"]     # lists are joined with commas, as on the command line
//! xlim = [-2, 2]
//! from = [[-1, 0.5], [0, 0.4]]   # a list of lists repeats the flag (geodesic)
//! no-caption = true              # switches: true to set, false to leave out
//! ```

use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};
use toml::{Table, Value};

use crate::cli::{Cli, Command, FigureCommand};
use crate::output::{normal, unusable};
use crate::uses::{self, Use};

/// The gallery's figure file, compiled in so that `fisherballs gallery` works anywhere.
pub const GALLERY: &str = include_str!("../gallery/figures.toml");

/// One figure of a file: where it goes, and the command that makes it.
pub struct Figure {
    pub output: String,
    pub about: Option<String>,
    /// The command, then its flags (without `-o`).
    pub argv: Vec<String>,
    pub request: Box<dyn Use>,
}

/// A parsed and fully validated figure file.
pub struct FigureFile {
    pub figures: Vec<Figure>,
    index: Option<String>,
    home: Option<String>,
    intro: Option<String>,
}

impl FigureFile {
    /// Parses `text` and validates every figure for writing into `out`, before anything is
    /// drawn: an error names the figure and the key.
    pub fn parse(text: &str, out: &Path) -> Result<Self> {
        let table: Table = toml::from_str(text).map_err(|e| anyhow!("{}", short_toml_error(&e)))?;
        let mut file = FigureFile {
            figures: Vec::new(),
            index: None,
            home: None,
            intro: None,
        };
        let mut entries = None;
        for (key, value) in table {
            match (key.as_str(), value) {
                ("figure", Value::Array(list)) => entries = Some(list),
                ("index", Value::String(s)) => {
                    safe_output(&s)?;
                    file.index = Some(s);
                }
                ("home", Value::String(s)) => file.home = Some(s),
                ("intro", Value::String(s)) => file.intro = Some(s),
                ("figure" | "index" | "home" | "intro", _) => {
                    bail!("the top-level key '{key}' has the wrong type; see docs/figure-files.md")
                }
                _ => bail!(
                    "unknown top-level key '{key}'; a figure file has [[figure]] tables and optionally index, home and intro"
                ),
            }
        }
        let entries = entries.ok_or_else(|| anyhow!("the file has no [[figure]] tables"))?;
        // Names are compared as the files they name: x/a.svg, x//a.svg and x/./a.svg are one.
        let mut seen: HashSet<PathBuf> = file
            .index
            .iter()
            .filter_map(|i| normal(i.as_ref()))
            .collect();
        for (i, entry) in entries.into_iter().enumerate() {
            let Value::Table(entry) = entry else {
                bail!("figure {}: each figure must be a [[figure]] table", i + 1);
            };
            let figure = figure(entry, out, i + 1)?;
            if !normal(figure.output.as_ref()).is_some_and(|n| seen.insert(n)) {
                bail!(
                    "figure {}: output '{}' is named twice (or is the index); every figure needs its own file",
                    i + 1,
                    figure.output
                );
            }
            file.figures.push(figure);
        }
        file.check_nesting()?;
        Ok(file)
    }

    /// Refuses an output that another output needs as its directory (`n.html` and
    /// `n.html/b.tex`): one of them could not be written.
    fn check_nesting(&self) -> Result<()> {
        let names: Vec<(&str, PathBuf)> = self
            .index
            .iter()
            .chain(self.figures.iter().map(|f| &f.output))
            .filter_map(|n| Some((n.as_str(), normal(n.as_ref())?)))
            .collect();
        for (name, path) in &names {
            for (other, within) in &names {
                if within != path && within.starts_with(path) {
                    bail!(
                        "output '{name}' is also the directory of output '{other}'; rename one of them"
                    );
                }
            }
        }
        Ok(())
    }

    /// The index page's name and text, if the file asks for one.
    pub fn index(&self) -> Option<(&str, String)> {
        let name = self.index.as_deref()?;
        let mut page = String::from("# Gallery\n\n");
        if let Some(intro) = &self.intro {
            let _ = writeln!(page, "{}", intro.trim_end());
        }
        for f in &self.figures {
            let about = f
                .about
                .as_deref()
                .map(|a| format!("{}\n\n", a.trim_end()))
                .unwrap_or_default();
            // Pictures are shown; PDF, pgfplots and JSON are linked; a page is linked and
            // shown by its screenshot (SCREENSHOT, made by scripts/page-screenshot.sh).
            let lower = f.output.to_ascii_lowercase();
            let shown = [".png", ".svg"].iter().any(|e| lower.ends_with(e));
            let shot = lower.ends_with(".html").then(|| screenshot(&f.output));
            let link = match (shown, shot) {
                (true, _) => format!("![{0}]({0})", f.output),
                (false, Some(shot)) => {
                    format!("[{0}]({0})\n\n![a screenshot of {0}]({shot})", f.output)
                }
                (false, None) => format!("[{0}]({0})", f.output),
            };
            let _ = write!(
                page,
                "\n## {}\n\n{about}{link}\n\n```sh\n{}\n```\n",
                f.output,
                self.command(f)
            );
        }
        Some((name, page))
    }

    /// The shell command that makes one figure, writing into `home` if the file names one.
    pub fn command(&self, f: &Figure) -> String {
        let out = match &self.home {
            Some(home) => format!("{home}/{}", f.output),
            None => f.output.clone(),
        };
        let words: Vec<String> = f.argv.iter().map(|w| shell_word(w)).collect();
        format!("fisherballs {} -o {}", words.join(" "), shell_word(&out))
    }
}

/// One `[[figure]]` table: its output, its command's arguments, and their validation.
/// Errors name the figure by its place in the file, and by its output once that is known.
fn figure(mut entry: Table, out: &Path, n: usize) -> Result<Figure> {
    let output = match entry.remove("output") {
        Some(Value::String(s)) => s,
        Some(_) => bail!("figure {n}: key 'output' must be a file name in quotes"),
        None => bail!("figure {n}: no output: add output = \"NAME.png\" (or .svg, .json)"),
    };
    let context = format!("figure {n} ({output})");
    safe_output(&output).context(context.clone())?;
    let command = match entry.remove("command") {
        None => "plot".to_string(),
        Some(Value::String(s)) if FigureCommand::has_subcommand(&s) => s,
        Some(v) => bail!(
            "{context}: command = {v} is not a figure command; use {}",
            figure_commands()
        ),
    };
    let about = match entry.remove("about") {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => bail!("{context}: key 'about' must be text in quotes"),
    };
    let mut argv = vec![command.clone()];
    for (key, value) in entry {
        argv.extend(flag(&command, &key, &value).with_context(|| context.clone())?);
    }
    // The output path stays an OsString: a directory whose name is not UTF-8 is still found.
    let path = out.join(&output);
    let parsed = Cli::try_parse_from(
        std::iter::once(OsString::from("fisherballs"))
            .chain(argv.iter().map(OsString::from))
            .chain([OsString::from("-o"), path.into_os_string()]),
    );
    let command = match parsed {
        Ok(Cli {
            command: Command::Figure(command),
        }) => command,
        Ok(_) => unreachable!("the command is a figure command"),
        Err(e) => bail!("{context}: {}", clap_message(&e)),
    };
    let request = uses::request(&command).map_err(|e| anyhow!("{context}: {e}"))?;
    Ok(Figure {
        output,
        about,
        argv,
        request,
    })
}

/// A key and its value as command-line words: `--key value`, `--key=value` when the value
/// starts with `-` (so `title = "-5 dB"` is not read as a flag), or `--key` for a switch set
/// to `true`. A switch set to `false` is left out; `false`, `true` or an empty list for a
/// flag that takes a value, and the keys `help` and `version`, are refused.
fn flag(command: &str, key: &str, value: &Value) -> Result<Vec<String>> {
    use clap::CommandFactory;
    let grammar = Cli::command();
    let takes_value = grammar
        .find_subcommand(command)
        .and_then(|c| c.get_arguments().find(|a| a.get_long() == Some(key)))
        .filter(|_| !["help", "version"].contains(&key))
        .map(|a| a.get_action().takes_values())
        .ok_or_else(|| {
            anyhow!("unknown key '{key}'; the keys are the long flags of the command (see --help)")
        })?;
    let word = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Integer(i) => Ok(i.to_string()),
        Value::Float(f) => Ok(f.to_string()),
        _ => Err(anyhow!(
            "key '{key}' must be text, a number, true/false or a list of them"
        )),
    };
    let with = |text: String| match text.starts_with('-') {
        true => vec![format!("--{key}={text}")],
        false => vec![format!("--{key}"), text],
    };
    Ok(match value {
        Value::Boolean(_) if takes_value => {
            bail!("key '{key}' takes a value, not true or false")
        }
        Value::Boolean(true) => vec![format!("--{key}")],
        Value::Boolean(false) => vec![],
        Value::Array(items) if items.is_empty() => {
            bail!("key '{key}' is an empty list; give its values, or leave the key out")
        }
        // A list of lists repeats the flag: from = [[0, 1], [2, 1]] is --from 0,1 --from 2,1.
        Value::Array(items) if items.iter().all(Value::is_array) => {
            let mut words = Vec::new();
            for item in items {
                words.extend(flag(command, key, item)?);
            }
            words
        }
        Value::Array(items) => {
            let words = items.iter().map(word).collect::<Result<Vec<_>>>()?;
            with(words.join(","))
        }
        v => with(word(v)?),
    })
}

/// The figure commands, quoted, as a sentence's list: "plot", "compare", … or "mml".
fn figure_commands() -> String {
    use clap::CommandFactory;
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| FigureCommand::has_subcommand(n))
        .map(|n| format!("\"{n}\""))
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// clap's message for one entry, without its usage lines; an unknown flag is a key here.
fn clap_message(e: &clap::Error) -> String {
    if let (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) =
        (e.kind(), e.get(ContextKind::InvalidArg))
    {
        let key = arg.trim_start_matches('-');
        return format!(
            "unknown key '{key}'; the keys are the long flags of the command (see --help)"
        );
    }
    crate::cli::one_line(e).replace("--output <OUT>", "output")
}

/// Refuses absolute paths and `..` (every file stays inside the output directory), and names
/// no file can have ([`unusable`]).
fn safe_output(name: &str) -> Result<()> {
    if normal(name.as_ref()).is_none() {
        bail!(
            "output '{name}' must be a relative path inside the output directory (no '..', no leading '/')"
        )
    }
    match unusable(name.as_ref()) {
        Some(why) => bail!("output '{}' {why}", Shown(name)),
        None => Ok(()),
    }
}

/// A name as shown in a message: at most 60 characters, the rest elided.
struct Shown<'a>(&'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.char_indices().nth(60) {
            Some((at, _)) => write!(f, "{}…", &self.0[..at]),
            None => f.write_str(self.0),
        }
    }
}

/// The first and last lines of a TOML error: where, and what.
fn short_toml_error(e: &toml::de::Error) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with('|')
                && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    let told = match lines[..] {
        [] => "the figure file is not valid TOML".to_string(),
        [one] => format!("the figure file is not valid TOML: {one}"),
        [first, .., last] => format!("the figure file is not valid TOML: {first}: {last}"),
    };
    // A number with a unit (width = 3.25in) is not a TOML number: say how to write it.
    match text.contains("invalid float") || text.contains("invalid integer") {
        true => format!(
            "{told} (a value with a unit or other letters goes in quotes: width = \"3.25in\")"
        ),
        false => told,
    }
}

/// A word as a POSIX shell reads it: quoted unless it is plain.
fn shell_word(w: &str) -> String {
    let plain = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/=+".contains(c));
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

impl FigureFile {
    /// Every file the figure file makes, as (name inside the output directory, bytes),
    /// drawn before any is written so that a figure that fails (a ball that cannot close)
    /// leaves the directory untouched.
    pub fn draw(&self) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let progress = crate::cli::progress::Progress::bar(self.figures.len());
        let mut files = self
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                progress.say(&f.output);
                let drawn = uses::draw(&*f.request)
                    .with_context(|| format!("figure {} ({})", i + 1, f.output))?;
                for note in &drawn.notes {
                    eprintln!("note: figure {} ({}): {note}", i + 1, f.output);
                }
                progress.step("");
                Ok((PathBuf::from(&f.output), drawn.bytes))
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some((name, page)) = self.index() {
            files.push((PathBuf::from(name), page.into_bytes()));
        }
        Ok(files)
    }
}

/// The name of a page's screenshot in the gallery: `page.html` → `page.screenshot.png`.
pub fn screenshot(page: &str) -> String {
    let stem = page.strip_suffix(".html").unwrap_or(page);
    format!("{stem}{SCREENSHOT}")
}

/// How a page's screenshot ends: `fisherballs gallery` does not write these (a browser
/// does), so the gallery's test leaves them out of what it compares.
pub const SCREENSHOT: &str = ".screenshot.png";
