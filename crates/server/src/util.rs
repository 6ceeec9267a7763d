//! Small helpers: random identifiers and secrets, hashing, time.

/// `N` bytes from the operating system's secure random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// SHA-256 of a text, as hex. Used for secrets that are stored hashed (session and withdrawal
/// tokens): they are 256-bit random values, so a plain hash is enough (no salt or stretching).
pub fn sha256_hex(text: &str) -> String {
    werkscan_core::authoring::sha256_hex(text.as_bytes())
}

/// A new random identifier (128 bits, hex). Random rather than sequential so that ids reveal
/// neither counts nor order.
pub fn new_id() -> String {
    hex(&random_bytes::<16>())
}

/// A new secret token (256 bits, hex).
pub fn new_token() -> String {
    hex(&random_bytes::<32>())
}

/// The alphabet of campaign codes: upper case letters and digits without the look-alikes
/// 0/O and 1/I, so a code can be read out or typed from paper.
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new campaign code: 10 characters from a 32-letter alphabet (50 bits), unguessable.
pub fn campaign_code() -> String {
    // 256 is a multiple of 32, so `byte % 32` is uniform.
    random_bytes::<10>().iter().map(|byte| CODE_ALPHABET[(*byte % 32) as usize] as char).collect()
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Today's date (UTC).
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A Unix time as RFC 3339 (UTC).
pub fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Compares two secrets in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
