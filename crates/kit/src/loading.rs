//! Loading data in the background for a screen of the employee's apps.
//!
//! A plain signal filled by `spawn_local`, rather than `LocalResource` inside `Suspense`: the
//! screens need no more than "loading, then the value", and the async-derived and suspense
//! machinery cost about 20 KB gzipped of the scan module, which has a size budget
//! (docs/PERFORMANCE.md). The report app shares it for the same few cases.

use std::future::Future;

use leptos::prelude::*;

/// Starts `future` and returns a signal that is `None` until it is done, then its output.
pub fn load<T: Send + Sync + 'static>(future: impl Future<Output = T> + 'static) -> RwSignal<Option<T>> {
    let value = RwSignal::new(None);
    reload(value, future);
    value
}

/// Runs `future` again into a signal made by [`load`] (for "try again"). If the screen is gone
/// by the time it finishes, the output is dropped.
pub fn reload<T: Send + Sync + 'static>(value: RwSignal<Option<T>>, future: impl Future<Output = T> + 'static) {
    value.set(None);
    leptos::task::spawn_local(async move {
        let output = future.await;
        // A first screen the server drew into the page (`#shell[data-screen]`, see
        // crates/server/src/first_screen.rs) stays in view while the app loads its data
        // (style/main.css); now the app's own screen takes its place, in the same frame.
        let drawn = document().get_element_by_id("shell");
        if let Some(shell) = &drawn {
            shell.remove();
        }
        let _ = value.try_set(Some(output));
        if drawn.is_some() {
            // The app's screen is drawn by effects that run after this task; a timeout runs after
            // them. From then the screen answers taps, which Lighthouse's "interactive" does not
            // tell (docs/PERFORMANCE.md, the employee's first screen).
            set_timeout(mark_ready, std::time::Duration::ZERO);
        }
    });
}

/// The name of the performance mark set once, when the app has taken over the screen the server
/// drew; `scripts/lighthouse-vs-surveyjs.sh` reports it.
pub const READY_MARK: &str = "werkscan:ready";

fn mark_ready() {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(READY_MARK);
    }
}
