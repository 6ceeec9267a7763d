//! The withdrawal code: what a person writes down, prints or saves after sharing, to withdraw the
//! upload later from any device, without the phone that shared it.
//!
//! It is derived from the upload's withdrawal token (256 random bits), so the phone that has the
//! receipt and the person with the code hold the same power over one upload, and the server can
//! give the code again when a lost answer is repeated. Sixteen characters from an alphabet
//! without look-alikes (no 0/O, no 1/I), in four groups of four: 80 bits, which no one guesses
//! against a rate-limited endpoint. The server stores only the code's hash.

/// The characters of a code: capital letters and digits without the look-alikes 0, O, 1 and I
/// (the campaign codes use the same).
pub const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Characters in a code, without the dashes.
pub const LENGTH: usize = 16;

/// What goes in front of the token before hashing, so that the code is not simply a part of
/// another hash of the token (the server stores the token's plain SHA-256).
pub const DERIVATION_LABEL: &str = "werkscan withdrawal code\n";

/// A code from 10 bytes (80 bits), five bits per character: `ABCD-EFGH-JKLM-NPQR`.
pub fn encode(bytes: &[u8; 10]) -> String {
    let bits = bytes.iter().fold(0u128, |bits, byte| bits << 8 | u128::from(*byte));
    let mut code = String::with_capacity(LENGTH + 3);
    for index in 0..LENGTH {
        if index > 0 && index % 4 == 0 {
            code.push('-');
        }
        let shift = 5 * (LENGTH - 1 - index);
        code.push(ALPHABET[((bits >> shift) & 31) as usize] as char);
    }
    code
}

/// What a person typed, as the code in its usual form, or `None` when it cannot be one. Small
/// letters, spaces and dashes anywhere are fine, so a code read out or copied from paper works.
pub fn normalise(typed: &str) -> Option<String> {
    let characters: Vec<u8> = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .map(|c| if c.is_ascii() { c as u8 } else { 0 })
        .collect();
    if characters.len() != LENGTH || !characters.iter().all(|c| ALPHABET.contains(c)) {
        return None;
    }
    let mut code = String::with_capacity(LENGTH + 3);
    for (index, c) in characters.iter().enumerate() {
        if index > 0 && index % 4 == 0 {
            code.push('-');
        }
        code.push(*c as char);
    }
    Some(code)
}

/// The code that belongs to a withdrawal token: the first 80 bits of SHA-256 of
/// [`DERIVATION_LABEL`] and the token. Only with the `authoring` feature (the server's), so the
/// browser carries no hashing code: the server gives the code with the receipt.
#[cfg(feature = "authoring")]
pub fn for_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{DERIVATION_LABEL}{token}").as_bytes());
    let mut bytes = [0u8; 10];
    bytes.copy_from_slice(&digest[..10]);
    encode(&bytes)
}
