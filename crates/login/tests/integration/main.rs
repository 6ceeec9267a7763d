//! The login app's rules that run without a browser: its refusals in words.

use werkscan_core::Lang;
use werkscan_login::api::ApiError;
use werkscan_login::words::error;

/// A refusal as the server sends it (the status does not choose the words; the code does).
fn refused(code: &str) -> ApiError {
    ApiError::Refused { status: 401, code: code.to_owned(), message: "refused".to_owned() }
}

#[test]
fn lock_outs_and_wrong_passwords_have_their_own_words_in_both_languages() {
    for code in ["invalid_credentials", "too_many_attempts", "too_many_codes", "code_invalid", "link_invalid"] {
        let refused = refused(code);
        for lang in [Lang::Nl, Lang::En] {
            let words = error(lang, &refused);
            assert!(!words.contains(code), "{code} has no words of its own in {lang:?}: {words}");
        }
        assert_ne!(error(Lang::Nl, &refused), error(Lang::En, &refused), "{code}");
    }
    let unknown = error(Lang::Nl, &refused("something_new"));
    assert!(unknown.contains("something_new"), "{unknown}");
    assert!(error(Lang::En, &ApiError::Offline).contains("No connection"));
}
