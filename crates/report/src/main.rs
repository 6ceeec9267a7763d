//! Entry point of the report app: the report, sharing, booking and "mijn gegevens".

fn main() {
    // Panic messages in the console for `trunk serve`; the shipped build aborts at once.
    console_error_panic_hook::set_once();
    werkscan_kit::frame::start_app(werkscan_report::App);
}
