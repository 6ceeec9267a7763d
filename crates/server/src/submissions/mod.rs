//! Submissions: uploads and their withdrawal (`routes`), the upload writer that commits them in
//! batches (`store`), the rate limits on public actions (`limits`), and the deletion of what has
//! expired (`retention`).

pub mod limits;
pub mod retention;
pub mod routes;
pub mod store;
