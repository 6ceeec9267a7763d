//! The withdrawal code: 16 characters without look-alikes in groups of four, derived from the
//! withdrawal token, read back from what a person types.

use werkscan_core::withdrawal_code::{encode, for_token, normalise, ALPHABET, LENGTH};

#[test]
fn a_code_is_four_groups_of_four_characters_without_look_alikes() {
    assert_eq!(encode(&[0; 10]), "AAAA-AAAA-AAAA-AAAA");
    assert_eq!(encode(&[0xff; 10]), "9999-9999-9999-9999");
    // Five bits per character, most significant first: 0b00001 is B, the last one 0b11111.
    assert_eq!(encode(&[0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0x1f]), "BAAA-AAAA-AAAA-AAA9");
    for look_alike in [b'0', b'O', b'1', b'I'] {
        assert!(!ALPHABET.contains(&look_alike));
    }
    let mut unique = ALPHABET.to_vec();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 32, "32 symbols: five bits each, 80 bits in 16 characters");
    assert_eq!(LENGTH * 5, 80);
}

#[test]
fn the_code_follows_from_the_token_and_differs_between_tokens() {
    let token = "ab".repeat(32);
    let code = for_token(&token);
    assert_eq!(code, for_token(&token), "the same token gives the same code, so a repeated upload gets it again");
    assert_ne!(code, for_token(&"cd".repeat(32)));
    assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
    // The code is not a piece of the token's plain hash, which the server stores.
    let plain = werkscan_core::authoring::sha256_hex(token.as_bytes());
    let mut bytes = [0u8; 10];
    for (index, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&plain[2 * index..2 * index + 2], 16).unwrap();
    }
    assert_ne!(code, encode(&bytes));
}

#[test]
fn what_a_person_types_is_read_generously_but_never_guessed() {
    let code = "ABCD-EFGH-JKLM-NPQR";
    for typed in ["ABCD-EFGH-JKLM-NPQR", "abcd efgh jklm npqr", " abcdefghjklmnpqr ", "AB-CD-EF-GH-JK-LM-NP-QR"] {
        assert_eq!(normalise(typed).as_deref(), Some(code), "{typed:?}");
    }
    for wrong in [
        "",
        "ABCD-EFGH-JKLM-NPQ",
        "ABCD-EFGH-JKLM-NPQRS",
        "ABCD-EFGH-JKLM-NPQ0",
        "ABCD-EFGH-JKLM-NPQI",
        "ABCD-EFGH-JKLM-NPQÉ",
        "ABCD_EFGH_JKLM_NPQR",
    ] {
        assert_eq!(normalise(wrong), None, "{wrong:?}");
    }
}
