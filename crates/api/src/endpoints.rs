//! The route table: every API route with its method, path, request and reply types, and who may
//! use it. The server builds its router route by route from this table (a route the table does
//! not name cannot be added), and its tests sweep every route in it: the roles it names get in,
//! every other role and every caller without a login are turned away.
//!
//! Types are named through [`std::any::type_name`], so a name here is a type that exists: a
//! renamed or removed type fails the build, not a test.

use crate::accounts::Role;
use crate::{
    accounts, admin, audit, author, booking, campaigns, expert, notifications, plan, practices, public, releases,
    roster, submissions,
};
use Access::{AnyLogin, Public, Roles};
use Body::{Empty, File};
use Method::{Delete, Get, Post, Put};
use Role::{Admin, DefinitionAuthor, Employer, Expert, PracticeAdmin};

/// An HTTP method a route answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates or acts.
    Post,
    /// Replaces.
    Put,
    /// Removes.
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without a login: the phone's routes, logging in, password links, and the routes
    /// whose secret address or token is the credential (an appointment, a calendar feed).
    Public,
    /// Every complete login, whatever its role: the session and the account's own settings.
    AnyLogin,
    /// A complete login with one of these roles.
    Roles(&'static [Role]),
}

/// The name of a Rust type, as [`std::any::type_name`] gives it.
#[derive(Clone, Copy)]
pub struct TypeName(fn() -> &'static str);

impl TypeName {
    /// The type's full path, e.g. `werkscan_api::campaigns::NewCampaign`.
    pub fn get(self) -> &'static str {
        (self.0)()
    }
}

impl std::fmt::Debug for TypeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

impl PartialEq for TypeName {
    fn eq(&self, other: &TypeName) -> bool {
        self.get() == other.get()
    }
}

/// What a request or a reply carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Body {
    /// Nothing: a request without a body, or a reply of 204 No Content.
    Empty,
    /// JSON of this type.
    Json(TypeName),
    /// The query string, read as this type (the request of a GET).
    Query(TypeName),
    /// A file of this media type, not JSON (a CSV export, a QR code, a calendar file).
    File(&'static str),
}

/// JSON of type `T`.
pub const fn json<T: ?Sized>() -> Body {
    Body::Json(TypeName(std::any::type_name::<T>))
}

/// A query string read as `T`.
pub const fn query<T: ?Sized>() -> Body {
    Body::Query(TypeName(std::any::type_name::<T>))
}

/// One route and method of the API.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Endpoint {
    /// The method.
    pub method: Method,
    /// The path as the router has it, with `{param}` placeholders.
    pub path: &'static str,
    /// What the request carries.
    pub request: Body,
    /// What a successful reply carries (errors are always [`crate::error::ErrorBody`]).
    pub reply: Body,
    /// Who may use it.
    pub access: Access,
}

const fn endpoint(method: Method, path: &'static str, request: Body, reply: Body, access: Access) -> Endpoint {
    Endpoint { method, path, request, reply, access }
}

/// The staff who work with campaigns and with practices' details (choosing an expert or a
/// practice for a campaign, or managing them).
const CAMPAIGN_CHOOSERS: &[Role] = &[Employer, PracticeAdmin, Admin];

/// Every route of the API, grouped by area.
pub const ENDPOINTS: &[Endpoint] = &[
    // What every phone fetches: the same for everyone, free of personal data.
    endpoint(Get, "/api/questionnaires", Empty, json::<Vec<public::CatalogueEntry>>(), Public),
    endpoint(Get, "/api/questionnaires/{id}", Empty, json::<public::Definition>(), Public),
    endpoint(Get, "/api/questionnaires/{id}/{version}", Empty, json::<public::Definition>(), Public),
    endpoint(Get, "/api/consent", Empty, json::<public::ConsentView>(), Public),
    // An archived text is sent exactly as it was shown, whatever fields it had then.
    endpoint(Get, "/api/consent/{version}", Empty, File("application/json"), Public),
    // Accounts.
    endpoint(Post, "/api/login", json::<accounts::LoginRequest>(), json::<accounts::SessionView>(), Public),
    endpoint(Post, "/api/logout", Empty, Empty, AnyLogin),
    // Public: `null` without a login, so a logged-out browser logs no failed request.
    endpoint(Get, "/api/session", Empty, json::<Option<accounts::SessionView>>(), Public),
    endpoint(Post, "/api/account/password", json::<accounts::PasswordChange>(), Empty, AnyLogin),
    endpoint(Post, "/api/account/second-factor/setup", Empty, json::<accounts::SecondFactorSetup>(), AnyLogin),
    endpoint(
        Post,
        "/api/account/second-factor/confirm",
        json::<accounts::Code>(),
        json::<accounts::RecoveryCodes>(),
        AnyLogin,
    ),
    endpoint(Post, "/api/account/second-factor/verify", json::<accounts::Code>(), Empty, AnyLogin),
    endpoint(Get, "/api/account/sessions", Empty, json::<Vec<accounts::SessionEntry>>(), AnyLogin),
    endpoint(Delete, "/api/account/sessions/{id}", Empty, Empty, AnyLogin),
    endpoint(Post, "/api/password-link", json::<accounts::ChoosePassword>(), Empty, Public),
    endpoint(Post, "/api/password-link/check", json::<accounts::LinkToken>(), json::<accounts::LinkView>(), Public),
    // Campaigns.
    endpoint(Get, "/api/experts", Empty, json::<Vec<campaigns::ExpertRef>>(), Roles(CAMPAIGN_CHOOSERS)),
    // A practice admin gets an empty list: campaigns are the employer's and the experts'.
    endpoint(
        Get,
        "/api/campaigns",
        Empty,
        json::<Vec<campaigns::CampaignView>>(),
        Roles(&[Employer, Expert, Admin, PracticeAdmin]),
    ),
    endpoint(
        Post,
        "/api/campaigns",
        json::<campaigns::NewCampaign>(),
        json::<campaigns::CampaignView>(),
        Roles(&[Employer]),
    ),
    endpoint(Get, "/api/campaigns/{id}", Empty, json::<campaigns::CampaignView>(), Roles(&[Employer, Expert, Admin])),
    endpoint(Post, "/api/campaigns/{id}/close", Empty, json::<campaigns::CampaignView>(), Roles(&[Employer])),
    endpoint(
        Post,
        "/api/campaigns/{id}/extend",
        json::<campaigns::Extension>(),
        json::<campaigns::CampaignView>(),
        Roles(&[Employer]),
    ),
    endpoint(Get, "/api/campaigns/{id}/qr.svg", Empty, File("image/svg+xml"), Roles(&[Employer])),
    endpoint(Get, "/api/c/{code}", query::<campaigns::PublicQuery>(), json::<campaigns::PublicCampaign>(), Public),
    // The roster of personal invitations: the employer gives it, the campaign's expert checks it.
    endpoint(
        Get,
        "/api/campaigns/{id}/roster",
        Empty,
        json::<roster::RosterSummary>(),
        Roles(&[Employer, Expert, Admin]),
    ),
    endpoint(
        Put,
        "/api/campaigns/{id}/roster",
        json::<roster::RosterInput>(),
        json::<roster::RosterSummary>(),
        Roles(&[Employer]),
    ),
    endpoint(Get, "/api/expert/campaigns/{id}/roster", Empty, json::<roster::RosterReview>(), Roles(&[Expert])),
    endpoint(
        Post,
        "/api/expert/campaigns/{id}/roster/approve",
        Empty,
        json::<roster::RosterReview>(),
        Roles(&[Expert]),
    ),
    endpoint(
        Post,
        "/api/expert/campaigns/{id}/roster/reject",
        json::<roster::Rejection>(),
        json::<roster::RosterReview>(),
        Roles(&[Expert]),
    ),
    endpoint(Post, "/api/expert/campaigns/{id}/roster/remind", Empty, json::<roster::Reminded>(), Roles(&[Expert])),
    endpoint(
        Post,
        "/api/expert/campaigns/{id}/letters",
        json::<roster::LetterRequest>(),
        json::<roster::Letters>(),
        Roles(&[Expert]),
    ),
    // Group figures and the action plan.
    endpoint(Get, "/api/campaigns/{id}/figures", Empty, json::<releases::Dashboard>(), Roles(&[Employer])),
    endpoint(Get, "/api/campaigns/{id}/figures.csv", Empty, File("text/csv"), Roles(&[Employer])),
    endpoint(
        Post,
        "/api/campaigns/{id}/actions",
        json::<plan::NewPlanAction>(),
        json::<plan::PlanAction>(),
        Roles(&[Employer]),
    ),
    endpoint(
        Put,
        "/api/campaigns/{id}/actions/{action}",
        json::<plan::PlanActionChange>(),
        json::<plan::PlanAction>(),
        Roles(&[Employer]),
    ),
    endpoint(Delete, "/api/campaigns/{id}/actions/{action}", Empty, Empty, Roles(&[Employer])),
    // The campaign's arbeidsdeskundige reads the employer's action plan.
    endpoint(Get, "/api/expert/campaigns/{id}/actions", Empty, json::<plan::Plan>(), Roles(&[Expert])),
    endpoint(Get, "/api/expert/campaigns/{id}/release", Empty, json::<releases::Review>(), Roles(&[Expert])),
    endpoint(
        Post,
        "/api/expert/campaigns/{id}/release/publish",
        json::<releases::Publish>(),
        json::<releases::Review>(),
        Roles(&[Expert]),
    ),
    // Booking: the person's side, by the campaign's code or the appointment's secret token.
    endpoint(Get, "/api/c/{code}/booking", Empty, json::<booking::BookingOffer>(), Public),
    endpoint(
        Get,
        "/api/c/{code}/experts/{expert}/slots",
        query::<booking::SlotQuery>(),
        json::<Vec<booking::Slot>>(),
        Public,
    ),
    endpoint(Post, "/api/c/{code}/appointments", json::<booking::NewAppointment>(), json::<booking::Booked>(), Public),
    endpoint(
        Post,
        "/api/c/{code}/reminder",
        json::<booking::ReminderRequest>(),
        json::<booking::ReminderSet>(),
        Public,
    ),
    endpoint(Get, "/api/appointments/{token}", Empty, json::<booking::AppointmentView>(), Public),
    endpoint(Get, "/api/appointments/{token}/calendar.ics", Empty, File("text/calendar"), Public),
    endpoint(
        Post,
        "/api/appointments/{token}/move",
        json::<booking::Move>(),
        json::<booking::AppointmentView>(),
        Public,
    ),
    endpoint(Post, "/api/appointments/{token}/cancel", Empty, json::<booking::AppointmentView>(), Public),
    // Booking: the expert's agenda.
    endpoint(Get, "/api/expert/availability", Empty, json::<booking::Availability>(), Roles(&[Expert])),
    endpoint(
        Put,
        "/api/expert/availability",
        json::<booking::Availability>(),
        json::<booking::Availability>(),
        Roles(&[Expert]),
    ),
    endpoint(
        Get,
        "/api/expert/appointments",
        query::<booking::AppointmentQuery>(),
        json::<Vec<booking::ExpertAppointment>>(),
        Roles(&[Expert]),
    ),
    endpoint(Post, "/api/expert/appointments/{id}/outcome", json::<booking::RecordOutcome>(), Empty, Roles(&[Expert])),
    endpoint(Post, "/api/expert/appointments/{id}/cancel", json::<booking::ExpertCancel>(), Empty, Roles(&[Expert])),
    endpoint(
        Post,
        "/api/expert/appointments/{id}/move",
        json::<booking::ExpertMove>(),
        json::<booking::ExpertAppointment>(),
        Roles(&[Expert]),
    ),
    endpoint(Get, "/api/expert/appointments/{id}/slots", Empty, json::<Vec<booking::Slot>>(), Roles(&[Expert])),
    endpoint(Get, "/api/expert/follow-up", Empty, json::<Vec<booking::FollowUp>>(), Roles(&[Expert])),
    endpoint(Get, "/api/expert/outbox", Empty, json::<Vec<booking::Unsent>>(), Roles(&[Expert])),
    // The expert's notifications; the calendar feed's secret address is its credential.
    endpoint(Get, "/api/expert/notifications", Empty, json::<notifications::Notifications>(), Roles(&[Expert])),
    endpoint(Post, "/api/expert/notifications/seen", json::<notifications::SeenBody>(), Empty, Roles(&[Expert])),
    endpoint(
        Put,
        "/api/expert/notifications/digest",
        json::<notifications::DigestSetting>(),
        json::<notifications::Notifications>(),
        Roles(&[Expert]),
    ),
    endpoint(Post, "/api/expert/calendar-feed", Empty, json::<notifications::FeedAddress>(), Roles(&[Expert])),
    endpoint(Delete, "/api/expert/calendar-feed", Empty, Empty, Roles(&[Expert])),
    endpoint(Get, "/api/calendar-feed/{file}", Empty, File("text/calendar"), Public),
    // Submissions: uploads, withdrawal and "mijn gegevens", by the phone's token or code.
    endpoint(Post, "/api/submissions", json::<submissions::Submission>(), json::<submissions::Receipt>(), Public),
    // The token travels in the `Authorization` header; a body, if any, is a `WithdrawBody`.
    endpoint(
        Delete,
        "/api/submissions/{id}",
        json::<submissions::WithdrawBody>(),
        json::<submissions::Withdrawn>(),
        Public,
    ),
    endpoint(Post, "/api/withdrawals", json::<submissions::CodeBody>(), json::<submissions::Withdrawn>(), Public),
    endpoint(Post, "/api/my-data", json::<submissions::MyDataRequest>(), json::<submissions::MyData>(), Public),
    // The expert's inbox of what was shared with them.
    endpoint(Get, "/api/expert/submissions", query::<expert::InboxQuery>(), json::<expert::Inbox>(), Roles(&[Expert])),
    endpoint(Get, "/api/expert/submissions/{id}", Empty, json::<expert::SubmissionDetail>(), Roles(&[Expert])),
    endpoint(
        Post,
        "/api/expert/submissions/{id}/notes",
        json::<expert::NewNote>(),
        json::<expert::Note>(),
        Roles(&[Expert]),
    ),
    endpoint(
        Post,
        "/api/expert/submissions/{id}/actions",
        json::<expert::NewAction>(),
        json::<expert::ActionPoint>(),
        Roles(&[Expert]),
    ),
    endpoint(
        Post,
        "/api/expert/submissions/{id}/actions/{action}/done",
        Empty,
        json::<expert::ActionPoint>(),
        Roles(&[Expert]),
    ),
    endpoint(
        Put,
        "/api/expert/submissions/{id}/status",
        json::<expert::NewStatus>(),
        json::<expert::StatusChange>(),
        Roles(&[Expert]),
    ),
    endpoint(Get, "/api/expert/export.csv", query::<expert::InboxQuery>(), File("text/csv"), Roles(&[Expert])),
    endpoint(Get, "/api/expert/audit", Empty, json::<Vec<audit::AuditEntry>>(), Roles(&[Expert])),
    // Practices and their admins.
    endpoint(Get, "/api/practices", Empty, json::<Vec<practices::PracticeRef>>(), Roles(CAMPAIGN_CHOOSERS)),
    endpoint(Get, "/api/practice", Empty, json::<practices::Practice>(), Roles(&[PracticeAdmin])),
    endpoint(
        Put,
        "/api/practice",
        json::<practices::PracticeDetails>(),
        json::<practices::Practice>(),
        Roles(&[PracticeAdmin]),
    ),
    endpoint(Get, "/api/practice/experts", Empty, json::<Vec<practices::PracticeExpert>>(), Roles(&[PracticeAdmin])),
    endpoint(
        Post,
        "/api/practice/experts",
        json::<practices::NewExpert>(),
        json::<admin::LinkSent>(),
        Roles(&[PracticeAdmin]),
    ),
    endpoint(Post, "/api/practice/experts/{id}/deactivate", Empty, Empty, Roles(&[PracticeAdmin])),
    endpoint(Post, "/api/practice/experts/{id}/activate", Empty, Empty, Roles(&[PracticeAdmin])),
    endpoint(
        Post,
        "/api/practice/experts/{id}/password-link",
        Empty,
        json::<admin::LinkSent>(),
        Roles(&[PracticeAdmin]),
    ),
    // The practice's definition authors, managed like its experts.
    endpoint(Get, "/api/practice/authors", Empty, json::<Vec<practices::PracticeAuthor>>(), Roles(&[PracticeAdmin])),
    endpoint(
        Post,
        "/api/practice/authors",
        json::<practices::NewAuthor>(),
        json::<admin::LinkSent>(),
        Roles(&[PracticeAdmin]),
    ),
    endpoint(Post, "/api/practice/authors/{id}/deactivate", Empty, Empty, Roles(&[PracticeAdmin])),
    endpoint(Post, "/api/practice/authors/{id}/activate", Empty, Empty, Roles(&[PracticeAdmin])),
    endpoint(
        Post,
        "/api/practice/authors/{id}/password-link",
        Empty,
        json::<admin::LinkSent>(),
        Roles(&[PracticeAdmin]),
    ),
    endpoint(
        Get,
        "/api/practice/audit",
        query::<practices::TrailQuery>(),
        json::<practices::Trail>(),
        Roles(&[PracticeAdmin]),
    ),
    // The platform admin.
    endpoint(Get, "/api/admin/practices", Empty, json::<Vec<practices::Practice>>(), Roles(&[Admin])),
    endpoint(
        Post,
        "/api/admin/practices",
        json::<practices::PracticeDetails>(),
        json::<practices::Practice>(),
        Roles(&[Admin]),
    ),
    endpoint(
        Put,
        "/api/admin/practices/{id}",
        json::<practices::PracticeDetails>(),
        json::<practices::Practice>(),
        Roles(&[Admin]),
    ),
    endpoint(
        Post,
        "/api/admin/practices/{id}/organisations",
        json::<practices::OrganisationLink>(),
        Empty,
        Roles(&[Admin]),
    ),
    endpoint(Post, "/api/admin/practices/{id}/members", json::<practices::Member>(), Empty, Roles(&[Admin])),
    endpoint(
        Get,
        "/api/admin/practices/{id}/audit",
        query::<practices::TrailQuery>(),
        json::<practices::Trail>(),
        Roles(&[Admin]),
    ),
    endpoint(Get, "/api/admin/organisations", Empty, json::<Vec<admin::Organisation>>(), Roles(&[Admin])),
    endpoint(Post, "/api/admin/organisations", json::<admin::NewOrganisation>(), Empty, Roles(&[Admin])),
    endpoint(Post, "/api/admin/organisations/{id}/experts", json::<admin::Link>(), Empty, Roles(&[Admin])),
    endpoint(Get, "/api/admin/users", Empty, json::<Vec<admin::Account>>(), Roles(&[Admin])),
    endpoint(Post, "/api/admin/users", json::<admin::NewAccount>(), json::<admin::LinkSent>(), Roles(&[Admin])),
    endpoint(Post, "/api/admin/users/{id}/deactivate", Empty, Empty, Roles(&[Admin])),
    endpoint(Post, "/api/admin/users/{id}/activate", Empty, Empty, Roles(&[Admin])),
    endpoint(Post, "/api/admin/users/{id}/reset-password", Empty, json::<admin::LinkSent>(), Roles(&[Admin])),
    endpoint(Post, "/api/admin/users/{id}/reset-second-factor", Empty, Empty, Roles(&[Admin])),
    endpoint(Get, "/api/admin/definitions", Empty, json::<Vec<admin::LoadedVersion>>(), Roles(&[Admin])),
    endpoint(Get, "/api/admin/audit", query::<admin::AuditQuery>(), json::<Vec<audit::AuditEntry>>(), Roles(&[Admin])),
    // Definition authors: questionnaires, their versions' TOML sources, and publishing a version.
    endpoint(
        Get,
        "/api/author/questionnaires",
        Empty,
        json::<Vec<author::QuestionnaireVersions>>(),
        Roles(&[DefinitionAuthor]),
    ),
    endpoint(
        Get,
        "/api/author/questionnaires/{id}/versions/{version}",
        Empty,
        json::<author::VersionSources>(),
        Roles(&[DefinitionAuthor]),
    ),
    // 201 with the new version; 200 with the stored one when the same content is published again.
    endpoint(
        Post,
        "/api/author/questionnaires",
        json::<author::Publish>(),
        json::<author::VersionSummary>(),
        Roles(&[DefinitionAuthor]),
    ),
];

/// The routes of one path, in the table's order.
pub fn at(path: &str) -> impl Iterator<Item = &'static Endpoint> + '_ {
    ENDPOINTS.iter().filter(move |endpoint| endpoint.path == path)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn each_method_and_path_is_named_once() {
        let mut seen = BTreeSet::new();
        for endpoint in ENDPOINTS {
            assert!(
                seen.insert((endpoint.path, endpoint.method)),
                "{} {} twice",
                endpoint.method.as_str(),
                endpoint.path
            );
        }
    }

    #[test]
    fn requests_without_a_body_are_reads_and_queries_belong_to_reads() {
        for endpoint in ENDPOINTS {
            if let Body::Query(_) = endpoint.request {
                assert_eq!(endpoint.method, Method::Get, "{}", endpoint.path);
            }
            if endpoint.method == Method::Get {
                assert!(
                    matches!(endpoint.request, Body::Empty | Body::Query(_)),
                    "a GET with a body: {}",
                    endpoint.path
                );
            }
        }
    }

    #[test]
    fn type_names_are_the_wire_types() {
        let login = at("/api/login").next().unwrap();
        assert_eq!(login.request, json::<accounts::LoginRequest>());
        assert!(matches!(login.request, Body::Json(name) if name.get() == "werkscan_api::accounts::LoginRequest"));
        assert_ne!(login.request, json::<accounts::SessionView>());
    }

    #[test]
    fn staff_paths_name_staff_roles() {
        for endpoint in ENDPOINTS {
            let staff = ["/api/expert/", "/api/admin/", "/api/practice", "/api/author/"]
                .iter()
                .any(|prefix| endpoint.path.starts_with(prefix));
            if staff {
                assert!(matches!(endpoint.access, Access::Roles(_)), "{} is open to more than its role", endpoint.path);
            }
        }
    }
}
