//! Campaigns: creating, listing, closing and extending a campaign, its QR code, the public
//! campaign page and the campaign as staff see it (`routes`), personal invitations with the
//! employer's roster (`invitations`), and the arbeidsdeskundige's review and publication of its
//! release (`release_review`). The campaign record that other areas read is `models::campaign`.
//! The rows the campaign routes' queries read are `rows`.

pub mod invitations;
pub mod release_review;
pub mod routes;
pub(crate) mod rows;
