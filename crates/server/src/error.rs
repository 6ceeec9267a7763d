//! The one error type of the API. Every refusal is `{"error": {"code": "...", "message": "..."}}`
//! (`werkscan_api::error::ErrorBody`)
//! with a stable snake_case code that the app and tests rely on, and a message for people.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use werkscan_api::error::{ErrorBody, ErrorDetail};
use werkscan_core::authoring::Diagnostic;

/// An API error: status, stable code and a human message.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable snake_case code.
    pub code: &'static str,
    /// Explanation for people (never contains submitted content from other people).
    pub message: String,
    /// Seconds to wait, for 429 responses.
    pub retry_after: Option<u64>,
    /// The body field at fault (for example `departments[1].headcount`), when the refusal is
    /// about one field.
    pub field: Option<String>,
    /// Every problem with a body, when there are several: the UI can mark each field at once.
    pub fields: Vec<FieldError>,
    /// Every problem of a refused questionnaire definition, located in its TOML files. Behind
    /// one thin pointer: every handler returns this type, and few refusals carry any.
    pub diagnostics: Option<Box<Vec<Diagnostic>>>,
}

/// One problem with one field of a request body, as handlers make it (its code a constant);
/// it goes on the wire as `werkscan_api::error::FieldError`.
#[derive(Clone, Debug)]
pub struct FieldError {
    /// The field, as a path into the body (`name`, `departments[2]`, `departments[1].headcount`).
    pub field: String,
    /// Stable snake_case code.
    pub code: &'static str,
    /// Explanation for people.
    pub message: String,
}

impl FieldError {
    /// A problem with a field.
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), code, message: message.into() }
    }
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            field: None,
            fields: Vec::new(),
            diagnostics: None,
        }
    }

    /// 422 for a body with problems in its fields: the first one is the error's code, message
    /// and field, and all of them are listed in `fields`. `None` when the list is empty.
    pub fn invalid_fields(problems: Vec<FieldError>) -> Option<ApiError> {
        let first = problems.first()?.clone();
        let mut error = ApiError::unprocessable(first.code, first.message);
        error.field = Some(first.field);
        error.fields = problems;
        Some(error)
    }

    /// 422 for a questionnaire definition with problems: each one, located in its files.
    pub fn definition(code: &'static str, message: impl Into<String>, diagnostics: Vec<Diagnostic>) -> ApiError {
        let mut error = ApiError::unprocessable(code, message);
        error.diagnostics = Some(Box::new(diagnostics));
        error
    }

    /// The same error, naming the field at fault.
    pub fn with_field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    /// 400: the request is malformed.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401: not logged in, or wrong credentials.
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// 403: logged in, but not allowed.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, code, message)
    }

    /// 404: not found (or not visible to this user, which looks the same on purpose).
    pub fn not_found(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }

    /// 409: the request conflicts with the current state (for example a closed campaign).
    pub fn conflict(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    /// 422: well-formed, but the content is refused.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 500: something failed on the server. The cause is logged (without request content);
    /// the client only learns that it failed.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "something went wrong on the server")
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        ApiError::internal(format!("database: {error}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let fields = self
            .fields
            .into_iter()
            .map(|problem| werkscan_api::error::FieldError {
                field: problem.field,
                code: problem.code.to_owned(),
                message: problem.message,
            })
            .collect();
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                field: self.field,
                fields,
                diagnostics: self.diagnostics.map(|diagnostics| *diagnostics).unwrap_or_default(),
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
