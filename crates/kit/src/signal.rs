//! How a signal (good, watch, attention) looks wherever a result is shown: the employee's report
//! and the arbeidsdeskundige's view of a shared result use the same marks, so that both see the
//! person's result the same way. The mark is never the only carrier of the meaning: the band's
//! words stand next to it (WCAG 1.4.1, use of colour).

use werkscan_core::model::Signal;

/// The CSS class that colours a signal (`style/main.css`, `style/console.css`).
pub fn signal_class(signal: Option<Signal>) -> &'static str {
    match signal {
        Some(Signal::Good) => "signal-good",
        Some(Signal::Watch) => "signal-watch",
        Some(Signal::Attention) => "signal-attention",
        None => "signal-none",
    }
}

/// The shape beside a signal's words, so that it reads without colour.
pub fn signal_icon(signal: Option<Signal>) -> &'static str {
    match signal {
        Some(Signal::Good) => "✓",
        Some(Signal::Watch) => "!",
        Some(Signal::Attention) => "◆",
        None => "–",
    }
}
