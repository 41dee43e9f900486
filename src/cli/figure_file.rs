//! Figure files: a TOML list of figures, each an output name and the flags of `plot` or
//! `compare` written as keys. Every entry is turned into the arguments of that command and
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
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use toml::{Table, Value};

use crate::cli::{Cli, Command};
use crate::pipeline::Request;
use crate::spec::{FigureSpec, MleSpec, NatgradSpec};

/// The gallery's figure file, compiled in so that `fisherballs gallery` works anywhere.
pub const GALLERY: &str = include_str!("../../gallery/figures.toml");
/// The directory the gallery's commands write into.
pub const GALLERY_HOME: &str = "gallery";

/// One figure of a file: where it goes, and the command that makes it.
pub struct Figure {
    pub output: String,
    pub about: Option<String>,
    /// `plot` or `compare`, then its flags (without `-o`).
    pub argv: Vec<String>,
    pub request: Request,
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
                ("index", Value::String(s)) => file.index = Some(safe_output(&s).map(|_| s)?),
                ("home", Value::String(s)) => file.home = Some(s),
                ("intro", Value::String(s)) => file.intro = Some(s),
                ("figure" | "index" | "home" | "intro", _) => bail!(
                    "the top-level key '{key}' has the wrong type; see README.md, 'Figure files'"
                ),
                _ => bail!(
                    "unknown top-level key '{key}'; a figure file has [[figure]] tables and optionally index, home and intro"
                ),
            }
        }
        let entries = entries.ok_or_else(|| anyhow!("the file has no [[figure]] tables"))?;
        let mut seen = HashSet::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let Value::Table(entry) = entry else {
                bail!("figure {}: each figure must be a [[figure]] table", i + 1);
            };
            let figure = figure(entry, out, i + 1)?;
            if !seen.insert(figure.output.clone()) {
                bail!(
                    "figure {}: output '{}' is named twice; every figure needs its own file",
                    i + 1,
                    figure.output
                );
            }
            file.figures.push(figure);
        }
        Ok(file)
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
            let _ = write!(
                page,
                "\n## {0}\n\n{about}![{0}]({0})\n\n```sh\n{1}\n```\n",
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
        Some(Value::String(s))
            if ["plot", "compare", "geodesic", "mle", "natgrad", "mml"].contains(&s.as_str()) =>
        {
            s
        }
        Some(v) => {
            bail!(
                "{context}: command = {v} is not a figure command; use \"plot\", \"compare\", \"geodesic\", \"mle\", \"natgrad\" or \"mml\""
            )
        }
    };
    let about = match entry.remove("about") {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => bail!("{context}: key 'about' must be text in quotes"),
    };
    let mut argv = vec![command];
    for (key, value) in entry {
        argv.extend(flag(&key, &value).with_context(|| context.clone())?);
    }
    let path = out.join(&output);
    let parsed = Cli::try_parse_from(
        ["fisherballs".to_string()]
            .into_iter()
            .chain(argv.iter().cloned())
            .chain(["-o".to_string(), path.display().to_string()]),
    );
    let command = match parsed {
        Ok(Cli { command }) => command,
        Err(e) => bail!("{context}: {}", clap_message(&e)),
    };
    let request = match command {
        Command::Plot(args) => FigureSpec::plot(&args).map(Request::Figure),
        Command::Compare(args) => FigureSpec::compare(&args).map(Request::Figure),
        Command::Geodesic(args) => FigureSpec::geodesic(&args).map(Request::Figure),
        Command::Mle(args) => MleSpec::new(&args).map(Request::Mle),
        Command::Natgrad(args) => NatgradSpec::new(&args).map(Request::Natgrad),
        Command::Mml(args) => FigureSpec::mml(&args).map(Request::Figure),
        _ => unreachable!("the command is a figure command"),
    }
    .map_err(|e| anyhow!("{context}: {e}"))?;
    Ok(Figure {
        output,
        about,
        argv,
        request,
    })
}

/// A key and its value as command-line words: `--key value`, or `--key` for `true`.
fn flag(key: &str, value: &Value) -> Result<Vec<String>> {
    let word = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Integer(i) => Ok(i.to_string()),
        Value::Float(f) => Ok(f.to_string()),
        _ => Err(anyhow!(
            "key '{key}' must be text, a number, true/false or a list of them"
        )),
    };
    Ok(match value {
        Value::Boolean(true) => vec![format!("--{key}")],
        Value::Boolean(false) => vec![],
        // A list of lists repeats the flag: from = [[0, 1], [2, 1]] is --from 0,1 --from 2,1.
        Value::Array(items) if items.iter().all(Value::is_array) => {
            let mut words = Vec::new();
            for item in items {
                words.extend(flag(key, item)?);
            }
            words
        }
        Value::Array(items) => {
            let words = items.iter().map(word).collect::<Result<Vec<_>>>()?;
            vec![format!("--{key}"), words.join(",")]
        }
        v => vec![format!("--{key}"), word(v)?],
    })
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
    super::one_line(e).replace("--output <OUT>", "output")
}

/// Refuses absolute paths and `..`: every file stays inside the output directory.
fn safe_output(name: &str) -> Result<()> {
    let path = PathBuf::from(name);
    let inside = !name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        bail!(
            "output '{name}' must be a relative path inside the output directory (no '..', no leading '/')"
        )
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
    match lines[..] {
        [] => "the figure file is not valid TOML".to_string(),
        [one] => format!("the figure file is not valid TOML: {one}"),
        [first, .., last] => format!("the figure file is not valid TOML: {first}: {last}"),
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
    /// Every file the figure file makes, as (path, bytes), drawn before any is written so
    /// that a figure that fails (a ball that cannot close) leaves the directory untouched.
    pub fn draw(&self, out: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let mut files = self
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let bytes = f
                    .request
                    .bytes()
                    .with_context(|| format!("figure {} ({})", i + 1, f.output))?;
                Ok((f.request.output().to_path_buf(), bytes))
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some((name, page)) = self.index() {
            files.push((out.join(name), page.into_bytes()));
        }
        Ok(files)
    }
}
