//! Entry point of the scan module (start page, campaign invitation, questions): everything lives
//! in the library so it can be tested, and the report module shares it.

fn main() {
    werkscan_app::start_module(werkscan_app::App);
}
