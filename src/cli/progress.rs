//! Progress on stderr for runs a person waits for: a spinner while one figure is computed,
//! a bar over the figures of a figure file. Shown only when stderr is a terminal; a script
//! or a test (stderr a pipe or file) sees nothing.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress display that is nothing unless stderr is a terminal.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A spinner with `what` and the time taken, ticking on its own.
    pub fn spinner(what: &str) -> Self {
        Self(terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        }))
    }

    /// A bar over `n` steps.
    pub fn bar(n: usize) -> Self {
        Self(terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("[{bar:30}] {pos}/{len} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        }))
    }

    /// One step done; `next` is what comes now.
    pub fn step(&self, next: &str) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
            bar.set_message(next.to_string());
        }
    }

    /// Says what is being done.
    pub fn say(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(what.to_string());
        }
    }
}

impl Drop for Progress {
    /// Leaves no line behind: the messages that follow (wrote …, errors) stand alone.
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn terminal() -> bool {
    std::io::stderr().is_terminal()
}
