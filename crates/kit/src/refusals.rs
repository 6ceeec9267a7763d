//! The server's refusals in words, for the staff apps that share them: the login (password,
//! lock-out, second factor, password link) and the console (which meets the same refusals on the
//! account page and wherever a session runs out). One copy, so that a sentence reworded for one
//! app is reworded for both. Each refusal a person can do something about has its own sentence;
//! the rest get a general one with the code, for the helpdesk.

use werkscan_core::Lang;

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// No answer from the server: no connection, or the server is down.
pub fn offline(lang: Lang) -> &'static str {
    pick(
        lang,
        "Geen verbinding met de server. Probeer het zo nog eens.",
        "No connection to the server. Please try again shortly.",
    )
}

/// The words for a refusal of logging in, the password or the second factor; `None` for any
/// other code.
pub fn account_refusal(lang: Lang, code: &str) -> Option<&'static str> {
    Some(match code {
        "invalid_credentials" => pick(lang, "Het e-mailadres of het wachtwoord klopt niet.", "The e-mail address or the password is not right."),
        "too_many_attempts" => pick(
            lang,
            "Te veel pogingen. Wacht een kwartier en probeer het dan opnieuw.",
            "Too many attempts. Wait a quarter of an hour and try again.",
        ),
        "too_many_codes" => pick(
            lang,
            "Te veel verkeerde codes voor dit account. Gebruik een van je herstelcodes, of probeer het later opnieuw.",
            "Too many wrong codes for this account. Use one of your recovery codes, or try again later.",
        ),
        "link_invalid" => pick(
            lang,
            "Deze link werkt niet (meer): hij is al gebruikt, vervangen door een nieuwere, of ouder dan een dag. Vraag de beheerder om een nieuwe link.",
            "This link does not work (any more): it was used, replaced by a newer one, or is older than a day. Ask the administrator for a new link.",
        ),
        "busy" => pick(lang, "Het is even druk. Probeer het over een minuut opnieuw.", "It is busy. Please try again in a minute."),
        "password_wrong" => pick(lang, "Het huidige wachtwoord klopt niet.", "The current password is not right."),
        "password_too_short" => pick(lang, "Het nieuwe wachtwoord moet minstens 10 tekens hebben.", "The new password needs at least 10 characters."),
        "password_unchanged" => pick(lang, "Kies een ander wachtwoord dan het huidige.", "Choose a password other than the current one."),
        "code_invalid" => pick(
            lang,
            "Deze code klopt niet of is al gebruikt. Neem de nieuwste code uit de app.",
            "This code is not right or was used already. Take the newest code from the app.",
        ),
        "second_factor_exists" => pick(
            lang,
            "Dit account heeft al een tweede stap. Een beheerder kan die opnieuw instellen.",
            "This account has a second factor already. An administrator can reset it.",
        ),
        "second_factor_not_started" => pick(lang, "Begin opnieuw met instellen.", "Start setting it up again."),
        "not_logged_in" => pick(lang, "Je bent niet (meer) ingelogd.", "You are not logged in (any more)."),
        _ => return None,
    })
}

/// A refusal that has no sentence of its own: what to do, and the code to give the helpdesk.
pub fn general(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Nl => format!("Dat lukte niet. Probeer het opnieuw of meld de code „{code}” bij de helpdesk."),
        Lang::En => format!("That did not work. Try again or give the code “{code}” to the helpdesk."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_account_refusal_has_its_own_words_in_both_languages() {
        let codes = [
            "invalid_credentials",
            "too_many_attempts",
            "too_many_codes",
            "link_invalid",
            "busy",
            "password_wrong",
            "password_too_short",
            "password_unchanged",
            "code_invalid",
            "second_factor_exists",
            "second_factor_not_started",
            "not_logged_in",
        ];
        for code in codes {
            let nl = account_refusal(Lang::Nl, code).unwrap_or_else(|| panic!("{code}: no words"));
            let en = account_refusal(Lang::En, code).unwrap_or_else(|| panic!("{code}: no words"));
            assert_ne!(nl, en, "{code}");
        }
        assert_eq!(account_refusal(Lang::Nl, "forbidden"), None);
        assert!(general(Lang::Nl, "x_y").contains("„x_y”"));
        assert!(general(Lang::En, "x_y").contains("“x_y”"));
    }
}
