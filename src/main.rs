//! Entry point of the scan app: everything lives in the library so it can be tested.

fn main() {
    // Panic messages in the console for `trunk serve` (a debug build). The shipped build
    // (scripts/build-app.sh) aborts at once on a panic and would never call the hook, but a hook
    // that is set is kept in the module with the formatting code behind it, so it is set in
    // debug builds only.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    werkscan_kit::frame::start_app(werkscan_scan::App);
}
