//! Entry point of the browser app: everything lives in the library so it can be tested.

fn main() {
    console_error_panic_hook::set_once();
    // index.html shows a static shell (the privacy promise) while this loads; the app takes
    // over. The shell is hidden rather than removed, which keeps it out of the accessibility
    // tree as well.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        let _ = shell.set_attribute("hidden", "");
    }
    leptos::mount::mount_to_body(werkscan_app::App);
}
