//! Submissions: uploads and their withdrawal (`routes`), the upload writer that commits them in
//! batches (`store`), the rate limits on public actions (`limits`), and the deletion of what has
//! expired (`retention`). The rows their queries read are `rows`.

pub mod limits;
pub mod retention;
pub mod routes;
pub(crate) mod rows;
pub mod store;
