//! Entry point of the staff login.

fn main() {
    console_error_panic_hook::set_once();
    werkscan_kit::frame::start_app(werkscan_login::App);
}
