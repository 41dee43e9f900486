//! The time one figure's solving may take: the work limits weigh what a request asks for by
//! fixed costs, but a ball near the edge of a domain (a Gamma ball at k → 0) or a long
//! Cauchy fit costs far more than its kind's average, so the loops that solve balls, trials,
//! geodesics and coverings also look at the clock, and stop once it has run out. The
//! figure is then refused (`uses::draw` words what to shrink), never drawn from partial work.
//!
//! One deadline for the process, set around each figure's solving: the geometry stays free
//! of a parameter threaded through every call for what is a property of the run.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static DEADLINE: Mutex<Option<Instant>> = Mutex::new(None);
static RAN_OUT: AtomicBool = AtomicBool::new(false);

/// Whether the current figure's time has run out (false when no deadline is set). Once true
/// it stays true until the next [`within`].
pub fn passed() -> bool {
    if RAN_OUT.load(Ordering::Relaxed) {
        return true;
    }
    let deadline = *DEADLINE.lock().unwrap_or_else(|e| e.into_inner());
    let out = deadline.is_some_and(|d| Instant::now() >= d);
    if out {
        RAN_OUT.store(true, Ordering::Relaxed);
    }
    out
}

/// Runs `work` with `budget` to do it in; returns its result and whether the time ran out
/// while it ran (then the result is partial, or an error caused by stopping).
pub fn within<T>(budget: Duration, work: impl FnOnce() -> T) -> (T, bool) {
    RAN_OUT.store(false, Ordering::Relaxed);
    *DEADLINE.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now() + budget);
    let result = work();
    let ran_out = passed();
    *DEADLINE.lock().unwrap_or_else(|e| e.into_inner()) = None;
    RAN_OUT.store(false, Ordering::Relaxed);
    (result, ran_out)
}
