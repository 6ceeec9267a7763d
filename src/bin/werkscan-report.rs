//! Entry point of the report module: the report, sharing and "mijn gegevens". It is a second
//! WebAssembly module so that the phone downloads only the questions before the first one is on
//! screen (docs/PERFORMANCE.md); the loader written by `scripts/trunk_post_build.mjs` starts it for
//! its paths.

fn main() {
    werkscan_app::start_module(werkscan_app::ReportApp);
}
