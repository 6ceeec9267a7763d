//! Entry point of the scan app: everything lives in the library so it can be tested.

fn main() {
    // Panic messages in the console for `trunk serve`; the shipped build (scripts/build-app.sh)
    // aborts at once on a panic and never reaches the hook.
    console_error_panic_hook::set_once();
    werkscan_kit::frame::start_app(werkscan_scan::App);
}
