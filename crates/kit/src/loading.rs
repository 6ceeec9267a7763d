//! Loading data in the background for a screen of the employee's apps.
//!
//! A plain signal filled by `spawn_local`, rather than `LocalResource` inside `Suspense`: the
//! screens need no more than "loading, then the value", and the async-derived and suspense
//! machinery cost about 20 KB gzipped of the scan module, which has a size budget
//! (docs/PERFORMANCE.md). The report app shares it for the same few cases.

use std::future::Future;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

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
        match document().get_element_by_id("shell") {
            // The page's first screen is still in view (the server drew it, or the plain loading
            // shell), so the app's own screen can wait for a task of its own: reading the data
            // and drawing the screen in one task held the page for just over 50 ms at
            // Lighthouse's 4× slowdown, long enough to hold up a tap (docs/PERFORMANCE.md, the
            // employee's first screen).
            Some(_) => set_timeout(move || take_over(value, output), std::time::Duration::ZERO),
            None => {
                let _ = value.try_set(Some(output));
            }
        }
    });
}

/// The app's screen in place of the page's first screen. A screen the server drew into the page
/// (`#shell[data-screen]`, crates/server/src/first_screen.rs) stays in view while the app loads
/// its data (style/main.css); now the app's own, identical screen takes its place in the same
/// frame, and what the person did on the drawn one meanwhile (choices, taps, focus) is done
/// again on it.
fn take_over<T: Send + Sync + 'static>(value: RwSignal<Option<T>>, output: T) {
    let carry_over = document().get_element_by_id("shell").map(|shell| {
        let carry_over = read_early_input(&shell);
        shell.remove();
        carry_over
    });
    let _ = value.try_set(Some(output));
    if let Some(carry_over) = carry_over {
        // The app's screen is drawn by effects that run after this task (its heading takes the
        // focus in one); a timeout runs after them.
        set_timeout(
            move || {
                if let Some(carry_over) = carry_over.dyn_ref::<js_sys::Function>() {
                    let _ = carry_over.call0(&JsValue::NULL);
                }
                mark_ready();
            },
            std::time::Duration::ZERO,
        );
    }
}

/// The name of the performance mark set once, when the app has taken over the page's first screen
/// (the one the server drew, or the plain loading shell) and done again what was done on it;
/// `scripts/lighthouse-vs-surveyjs.sh` reports it.
pub const READY_MARK: &str = "werkscan:ready";

fn mark_ready() {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(READY_MARK);
    }
}

/// The drawn page's script (`EARLY_INPUT_SCRIPT` in crates/server/src/first_screen.rs) reads what
/// the person did on the drawn screen before the app took it over, and gives back a function that
/// does the same on the app's screen, which is the same screen: the same choices, the focus and
/// the scroll where they were, then the taps in their order, each a click on the app's own
/// control, so what a tap means is decided by the app alone. It lives in the page rather than
/// here because here it cost the scan module 4.4 KB gzipped of its 140,000-byte budget
/// (docs/PERFORMANCE.md). `undefined` when the page has no such script.
fn read_early_input(shell: &web_sys::Element) -> JsValue {
    js_sys::Reflect::get(&window(), &JsValue::from_str(TAKEOVER))
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok())
        .and_then(|function| function.call1(&JsValue::NULL, shell).ok())
        .unwrap_or_default()
}

/// The name under which the drawn page's script offers the takeover (`window.werkscanTakeover`).
const TAKEOVER: &str = "werkscanTakeover";
