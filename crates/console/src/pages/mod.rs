//! The console's screens, one module per part of the work.

mod account;
mod admin;
mod appointments;
mod availability;
mod campaigns;
mod figures;
mod inbox;
mod login;
mod plan;
mod practices;
mod result;
mod roster;

pub use account::MyAccount;
pub use admin::{Accounts, AuditLog, Organisations, Versions};
pub use appointments::{Appointments, FollowUpList};
pub use availability::AvailabilityPage;
pub use campaigns::{Campaign, Campaigns, NewCampaign, Poster};
pub use figures::{Figures, ReleaseReview};
pub use inbox::{Inbox, OwnAudit};
pub use login::{Home, LoginMoved, NotFound};
pub use practices::{OwnPractice, Practices};
pub use result::SharedResult;
