//! Entry point of the questionnaire authors' app.

fn main() {
    console_error_panic_hook::set_once();
    werkscan_kit::frame::start_app(werkscan_author::App);
}
