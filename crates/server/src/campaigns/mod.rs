//! Campaigns: creating, listing, closing and extending a campaign, its QR code and the public
//! campaign page (`routes`), and personal invitations with the employer's roster (`invitations`).

pub mod invitations;
pub mod release_review;
pub mod routes;
