//! A small JSON reader and writer, written once for every type the phone's scan module reads or
//! stores: definitions, campaigns, the catalogue and answers.
//!
//! Why not serde there: serde's derived code is generated per type and per data format, and for
//! the definition model it came to about a quarter of the scan module, which must stay under
//! 140 KB gzipped before the first question (docs/PERFORMANCE.md). This module is one parser,
//! one writer and a reader per type. The server, the command-line tool and the app's report
//! module keep using serde; the tests read every shipped definition both ways and demand the same
//! value, so the two cannot drift apart unnoticed.
//!
//! Reading is strict about the fields it knows (a wrong type or a missing required field is an
//! error naming the field) and ignores fields it does not know, so an app that cached an older
//! version keeps working when the server adds a field. Definitions are checked by the validator
//! on the server before any phone sees them.

use std::collections::BTreeMap;
use std::fmt;

use crate::answers::AnswerValue;
use crate::campaign::{PublicCampaign, QuestionnaireRef};
use crate::model::{
    AnswerOption, Band, BandSet, CatalogueEntry, Condition, Definition, DefinitionKind, Flag, Item, ItemType,
    LookupRow, MatrixRow, Meta, Method, Scale, Score, Section, Signal,
};
use crate::text::{Lang, Text};

/// A JSON value. Objects keep their members in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written. It is converted only when a reader asks for it, so that no float
    /// parsing or formatting code beyond [`exact_f64`] is needed.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in the order written.
    Object(Vec<(String, Json)>),
}

/// Why JSON could not be read: malformed text, or a value that does not fit the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where: a byte offset for syntax errors, a field path (`sections.items.type`) otherwise.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    /// An error at `at` (a dotted path; empty for the value itself).
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> JsonError {
        JsonError { at: at.into(), message: message.into() }
    }

    /// Puts the field this error happened in in front of its path.
    fn inside(mut self, field: &str) -> JsonError {
        self.at = if self.at.is_empty() { field.to_owned() } else { format!("{field}.{}", self.at) };
        self
    }
}

/// Deep nesting is never legitimate here; the limit keeps hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

impl Json {
    /// Parses JSON text. The whole text must be one value (whitespace around it is fine).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
        let value = parser.value(0)?;
        parser.skip_whitespace();
        if parser.at != parser.bytes.len() {
            return Err(parser.error("trailing characters after the JSON value"));
        }
        Ok(value)
    }

    /// The compact JSON text of this value.
    pub fn write(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out);
        out
    }

    fn write_into(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Number(text) => out.push_str(text),
            Json::String(value) => write_string(value, out),
            Json::Array(values) => {
                out.push('[');
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    value.write_into(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (index, (key, value)) in members.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write_into(out);
                }
                out.push('}');
            }
        }
    }

    /// The text of a string; an error for anything else.
    pub fn as_str(&self) -> Result<&str, JsonError> {
        match self {
            Json::String(value) => Ok(value),
            _ => Err(JsonError::new("", "expected a string")),
        }
    }

    /// A whole number.
    pub fn int(value: i64) -> Json {
        Json::Number(value.to_string())
    }

    fn as_f64(&self) -> Result<f64, JsonError> {
        match self {
            Json::Number(text) => exact_f64(text).ok_or_else(|| {
                JsonError::new(
                    "",
                    format!(
                        "the number {text} cannot be read exactly (at most 15 significant digits, exponent within ±22)"
                    ),
                )
            }),
            _ => Err(JsonError::new("", "expected a number")),
        }
    }

    fn as_i64(&self) -> Result<i64, JsonError> {
        match self {
            Json::Number(text) => text.parse().map_err(|_| JsonError::new("", "expected a whole number")),
            _ => Err(JsonError::new("", "expected a whole number")),
        }
    }

    fn as_bool(&self) -> Result<bool, JsonError> {
        match self {
            Json::Bool(value) => Ok(*value),
            _ => Err(JsonError::new("", "expected true or false")),
        }
    }

    fn as_array(&self) -> Result<&[Json], JsonError> {
        match self {
            Json::Array(values) => Ok(values),
            _ => Err(JsonError::new("", "expected a list")),
        }
    }
}

/// The smallest decimal that rounds to infinity as an `f64` (2^1024 − 2^970: the largest finite
/// `f64` plus half a unit in the last place; a tie rounds to even, which is infinity), as its
/// significant digits. Numbers from here up are refused, as `serde_json` refuses them.
const OVERFLOW_DIGITS: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a syntactically valid JSON number is a finite `f64` (tiny numbers round to zero, which
/// is finite). Decided from the digits and the exponent alone, so the phone needs no general
/// float parser for it.
fn fits_f64(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (decimal, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at + 1..]),
        None => (unsigned, "0"),
    };
    let (whole, fraction) = decimal.split_once('.').unwrap_or((decimal, ""));
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let Some(first) = digits.iter().position(|&digit| digit != b'0') else { return true };
    // Exponents beyond any f64 saturate; only their sign matters then.
    let (negative, magnitude) = match exponent.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exponent.trim_start_matches('+')),
    };
    let magnitude = magnitude.trim_start_matches('0');
    let magnitude: i64 = if magnitude.len() > 9 { 1_000_000_000 } else { magnitude.parse().unwrap_or(0) };
    let exponent = if negative { -magnitude } else { magnitude };
    // The power of ten of the first significant digit.
    let order = whole.len() as i64 - 1 - first as i64 + exponent;
    match order.cmp(&308) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => {
            let significant = &digits[first..];
            let significant =
                &significant[..significant.iter().rposition(|&digit| digit != b'0').map_or(0, |last| last + 1)];
            significant < OVERFLOW_DIGITS.as_bytes()
        }
    }
}

/// Powers of ten that are exact in an `f64`.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The `f64` nearest to a JSON number, for numbers of at most 15 significant digits and with a
/// decimal exponent within ±22; `None` for others.
///
/// Within those limits the digits and the power of ten are both exact in an `f64`, so one
/// correctly rounded multiplication or division gives the correctly rounded result: the same
/// value as `str::parse` (this is the standard "fast path", tested against it). The general
/// algorithm needs large tables, which cost the phone's scan module about 20 KB gzipped; the
/// validator ([`crate::validate`]) keeps definitions within these limits instead.
pub fn exact_f64(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (decimal, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i32>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = decimal.split_once('.').unwrap_or((decimal, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = whole.bytes().chain(fraction.bytes()).skip_while(|b| *b == b'0');
    let mut significant: Vec<u8> = digits.collect();
    let mut exponent = exponent.checked_sub(i32::try_from(fraction.len()).ok()?)?;
    while significant.last() == Some(&b'0') {
        significant.pop();
        exponent = exponent.saturating_add(1);
    }
    if significant.len() > 15 {
        return None;
    }
    let mantissa = significant.iter().fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0')) as f64;
    let magnitude = if mantissa == 0.0 {
        0.0
    } else if (0..=22).contains(&exponent) {
        mantissa * EXACT_POWERS_OF_TEN[exponent as usize]
    } else if (-22..0).contains(&exponent) {
        mantissa / EXACT_POWERS_OF_TEN[(-exponent) as usize]
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn write_string(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    /// The input; slices are taken only at ASCII bytes, so they are always whole characters.
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
        JsonError::new(format!("byte {}", self.at), message)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &[u8], value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected characters"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_whitespace();
        match self.bytes.get(self.at) {
            None => Err(self.error("unexpected end of the text")),
            Some(b'n') => self.expect_word(b"null", Json::Null),
            Some(b't') => self.expect_word(b"true", Json::Bool(true)),
            Some(b'f') => self.expect_word(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut values = Vec::new();
                self.skip_whitespace();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(values));
                }
                loop {
                    values.push(self.value(depth + 1)?);
                    self.skip_whitespace();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(values));
                        }
                        _ => return Err(self.error("expected `,` or `]`")),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_whitespace();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.skip_whitespace();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return Err(self.error("expected a member name in quotes"));
                    }
                    let key = self.string()?;
                    self.skip_whitespace();
                    if self.bytes.get(self.at) != Some(&b':') {
                        return Err(self.error("expected `:`"));
                    }
                    self.at += 1;
                    members.push((key, self.value(depth + 1)?));
                    self.skip_whitespace();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(self.error("expected `,` or `}`")),
                    }
                }
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = |parser: &mut Parser| {
            let from = parser.at;
            while let Some(b'0'..=b'9') = parser.bytes.get(parser.at) {
                parser.at += 1;
            }
            parser.at > from
        };
        // JSON forbids leading zeros ("01") and bare signs or points ("-", "1.", ".5").
        if self.bytes.get(self.at) == Some(&b'0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error("malformed number"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("malformed number"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("malformed number"));
            }
        }
        let text = &self.text[start..self.at];
        if !fits_f64(text) {
            return Err(self.error("number out of range"));
        }
        Ok(Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.error("unfinished \\u escape"))?;
        let mut value = 0;
        for digit in digits {
            let nibble = (*digit as char).to_digit(16).ok_or_else(|| self.error("malformed \\u escape"))?;
            value = value * 16 + nibble;
        }
        self.at += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        // At the opening quote.
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(byte) = self.bytes.get(self.at) {
                if matches!(byte, b'"' | b'\\') || *byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // A run ends at a quote, a backslash or a control character: all ASCII.
            out.push_str(&self.text[start..self.at]);
            match self.bytes.get(self.at) {
                None => return Err(self.error("unfinished string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = *self.bytes.get(self.at).ok_or_else(|| self.error("unfinished escape"))?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                // A surrogate pair: a second \u escape must follow.
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err(self.error("unpaired surrogate in \\u escape"));
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("unpaired surrogate in \\u escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?);
                        }
                        _ => return Err(self.error("unknown escape")),
                    }
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }
}

/// Reads the members of one JSON object, field by field.
///
/// A field that is wrong does not stop the reading: its reader returns a default, the first
/// error is kept, and [`Reader::finish`] reports it. Readers are written this way, rather than
/// with `?` after every field, because every `?` in a struct literal compiles to its own clean-up
/// path, and the definition model has about a hundred fields (this module exists to keep the
/// scan module small). A member that is `null` counts as absent, as serde reads an `Option`.
#[derive(Debug)]
pub struct Reader<'a> {
    members: &'a [(String, Json)],
    error: Option<JsonError>,
}

impl<'a> Reader<'a> {
    /// Starts reading an object; an error for anything else.
    pub fn new(json: &'a Json) -> Result<Reader<'a>, JsonError> {
        match json {
            Json::Object(members) => Ok(Reader { members, error: None }),
            _ => Err(JsonError::new("", "expected an object")),
        }
    }

    /// The first error met, if any.
    pub fn finish(self) -> Result<(), JsonError> {
        self.error.map_or(Ok(()), Err)
    }

    #[inline(never)]
    fn get(&self, name: &str) -> Option<&'a Json> {
        self.members.iter().find(|(key, _)| key == name).map(|(_, value)| value).filter(|value| **value != Json::Null)
    }

    #[inline(never)]
    fn fail(&mut self, name: &str, error: JsonError) {
        if self.error.is_none() {
            self.error = Some(error.inside(name));
        }
    }

    /// Reads a field with `read`; `None` when absent or wrong (wrong is remembered).
    #[inline(never)]
    fn field<T>(&mut self, name: &str, read: fn(&Json) -> Result<T, JsonError>) -> Option<T> {
        match read(self.get(name)?) {
            Ok(value) => Some(value),
            Err(error) => {
                self.fail(name, error);
                None
            }
        }
    }

    /// A field that must be present; `None` (and an error) when it is not.
    pub fn required<T: FromJson>(&mut self, name: &str) -> Option<T> {
        let value = self.field(name, T::from_json);
        if value.is_none() {
            self.fail(name, JsonError::new("", "missing"));
        }
        value
    }

    /// A field that may be absent.
    pub fn optional<T: FromJson>(&mut self, name: &str) -> Option<T> {
        self.field(name, T::from_json)
    }

    /// A list field, empty when absent.
    pub fn list<T: FromJson>(&mut self, name: &str) -> Vec<T> {
        self.optional(name).unwrap_or_default()
    }

    /// A map field (an object of values), empty when absent.
    pub fn map<T: FromJson>(&mut self, name: &str) -> BTreeMap<String, T> {
        self.optional(name).unwrap_or_default()
    }

    /// A string field that must be present.
    #[inline(never)]
    pub fn string(&mut self, name: &str) -> String {
        self.required::<String>(name).unwrap_or_default()
    }

    /// A string field that is empty when absent.
    #[inline(never)]
    pub fn string_or_empty(&mut self, name: &str) -> String {
        self.optional::<String>(name).unwrap_or_default()
    }

    /// A text field in both languages, empty when absent.
    #[inline(never)]
    pub fn text(&mut self, name: &str) -> Text {
        self.optional::<Text>(name).unwrap_or_default()
    }

    /// A `true`/`false` field that is false when absent.
    #[inline(never)]
    pub fn flag(&mut self, name: &str) -> bool {
        self.optional::<bool>(name).unwrap_or(false)
    }

    /// A number field that must be present.
    #[inline(never)]
    pub fn number(&mut self, name: &str) -> f64 {
        self.required::<f64>(name).unwrap_or_default()
    }
}

/// Turns a required field into its value once [`Reader::finish`] has succeeded.
pub fn present<T>(value: Option<T>) -> Result<T, JsonError> {
    value.ok_or_else(|| JsonError::new("", "missing"))
}

// `list` and `map` are plain loops on purpose: `collect` into `Result` or `BTreeMap` is compiled
// once per element type into much more code (a sort per map type).

/// Reads each element of a JSON list.
pub fn list<T>(json: &Json, read: fn(&Json) -> Result<T, JsonError>) -> Result<Vec<T>, JsonError> {
    let elements = json.as_array()?;
    let mut out = Vec::with_capacity(elements.len());
    for (index, element) in elements.iter().enumerate() {
        out.push(read(element).map_err(|error| error.inside(&index.to_string()))?);
    }
    Ok(out)
}

/// Reads each member of a JSON object into a map.
pub fn map<T>(json: &Json, read: fn(&Json) -> Result<T, JsonError>) -> Result<BTreeMap<String, T>, JsonError> {
    let Json::Object(members) = json else {
        return Err(JsonError::new("", "expected an object"));
    };
    let mut out = BTreeMap::new();
    for (key, value) in members {
        out.insert(key.clone(), read(value).map_err(|error| error.inside(key))?);
    }
    Ok(out)
}

/// A type read from a parsed JSON value.
pub trait FromJson: Sized {
    /// Reads the value.
    fn from_json(json: &Json) -> Result<Self, JsonError>;

    /// Parses JSON text and reads the value.
    fn from_json_text(text: &str) -> Result<Self, JsonError> {
        Self::from_json(&Json::parse(text)?)
    }
}

/// A type written as a JSON value.
pub trait ToJson {
    /// The value as JSON.
    fn to_json(&self) -> Json;
}

impl FromJson for String {
    fn from_json(json: &Json) -> Result<String, JsonError> {
        json.as_str().map(str::to_owned)
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::String(self.clone())
    }
}

/// `None` is written as `null`, which readers take as absent.
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Json {
        self.as_ref().map_or(Json::Null, ToJson::to_json)
    }
}

impl FromJson for bool {
    fn from_json(json: &Json) -> Result<bool, JsonError> {
        json.as_bool()
    }
}

impl FromJson for f64 {
    fn from_json(json: &Json) -> Result<f64, JsonError> {
        json.as_f64()
    }
}

impl FromJson for i64 {
    fn from_json(json: &Json) -> Result<i64, JsonError> {
        json.as_i64()
    }
}

impl FromJson for usize {
    fn from_json(json: &Json) -> Result<usize, JsonError> {
        usize::try_from(json.as_i64()?).map_err(|_| JsonError::new("", "expected a count from 0"))
    }
}

impl FromJson for u32 {
    fn from_json(json: &Json) -> Result<u32, JsonError> {
        u32::try_from(json.as_i64()?).map_err(|_| JsonError::new("", "expected a whole number from 0"))
    }
}

/// Maps with string keys, such as [`crate::Answers`] (whose `null` values are answers: "zeg ik liever
/// niet", kept here, unlike by [`Reader`] for members).
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(json: &Json) -> Result<BTreeMap<String, T>, JsonError> {
        map(json, T::from_json)
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Json {
        let mut members = Vec::with_capacity(self.len());
        for (key, value) in self {
            members.push((key.clone(), value.to_json()));
        }
        Json::Object(members)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json) -> Result<Vec<T>, JsonError> {
        list(json, T::from_json)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        let mut elements = Vec::with_capacity(self.len());
        for element in self {
            elements.push(element.to_json());
        }
        Json::Array(elements)
    }
}

/// Reads a name from a fixed set (the snake_case names serde uses for these enums).
fn one_of<T: Copy>(json: &Json, names: &[(&str, T)]) -> Result<T, JsonError> {
    let name = json.as_str()?;
    names
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|(_, value)| *value)
        .ok_or_else(|| JsonError::new("", format!("unknown value `{name}`")))
}

impl FromJson for Text {
    fn from_json(json: &Json) -> Result<Text, JsonError> {
        let mut r = Reader::new(json)?;
        let text = Text { nl: r.string_or_empty("nl"), en: r.string_or_empty("en") };
        r.finish().map(|()| text)
    }
}

impl FromJson for Lang {
    fn from_json(json: &Json) -> Result<Lang, JsonError> {
        one_of(json, &[Lang::Nl, Lang::En].map(|lang| (lang.tag(), lang)))
    }
}

impl ToJson for Lang {
    fn to_json(&self) -> Json {
        Json::String(self.tag().to_owned())
    }
}

impl FromJson for Definition {
    fn from_json(json: &Json) -> Result<Definition, JsonError> {
        let mut r = Reader::new(json)?;
        let questionnaire = r.required::<Meta>("questionnaire");
        let scales = r.map("scales");
        let sections = r.list("sections");
        // The scores, their bands and the flags are read only where `serde` is on (the report
        // app, the console, the server). The scan, built without it, shows questions and never
        // scores: it keeps a definition as the text the server sent, which the report app then
        // reads in full. Their readers cost the scan about (see docs/PERFORMANCE.md) of its
        // budget. Conditions (`show_if`) read answers only, so the scan needs no score for them.
        #[cfg(feature = "serde")]
        let (bands, scores, flags) = (r.map("bands"), r.list("scores"), r.list("flags"));
        #[cfg(not(feature = "serde"))]
        let (bands, scores, flags) = (BTreeMap::new(), Vec::new(), Vec::new());
        let content_hash = r.optional("content_hash");
        r.finish()?;
        Ok(Definition { questionnaire: present(questionnaire)?, scales, bands, sections, scores, flags, content_hash })
    }
}

impl FromJson for DefinitionKind {
    fn from_json(json: &Json) -> Result<DefinitionKind, JsonError> {
        one_of(json, &[("questionnaire", DefinitionKind::Questionnaire), ("part", DefinitionKind::Part)])
    }
}

impl FromJson for Meta {
    fn from_json(json: &Json) -> Result<Meta, JsonError> {
        let mut r = Reader::new(json)?;
        let meta = Meta {
            id: r.string("id"),
            version: r.string("version"),
            kind: r.optional("kind").unwrap_or_default(),
            title: r.text("title"),
            description: r.text("description"),
            minutes: r.optional("minutes").unwrap_or(0),
            provenance: r.text("provenance"),
            licence: r.text("licence"),
        };
        r.finish().map(|()| meta)
    }
}

impl FromJson for Scale {
    fn from_json(json: &Json) -> Result<Scale, JsonError> {
        let mut r = Reader::new(json)?;
        let options = r.required("options");
        r.finish()?;
        Ok(Scale { options: present(options)? })
    }
}

impl FromJson for AnswerOption {
    fn from_json(json: &Json) -> Result<AnswerOption, JsonError> {
        let mut r = Reader::new(json)?;
        let option = AnswerOption {
            key: r.string("key"),
            value: r.optional("value"),
            label: r.text("label"),
            exclusive: r.flag("exclusive"),
        };
        r.finish().map(|()| option)
    }
}

impl FromJson for Section {
    fn from_json(json: &Json) -> Result<Section, JsonError> {
        let mut r = Reader::new(json)?;
        let section = Section {
            id: r.string_or_empty("id"),
            include: r.optional("include"),
            title: r.text("title"),
            intro: r.optional("intro"),
            items: r.list("items"),
        };
        r.finish().map(|()| section)
    }
}

impl FromJson for ItemType {
    fn from_json(json: &Json) -> Result<ItemType, JsonError> {
        let all = [
            ItemType::Likert,
            ItemType::Number,
            ItemType::Single,
            ItemType::Multiple,
            ItemType::Matrix,
            ItemType::Text,
        ];
        let name = json.as_str()?;
        all.into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| JsonError::new("", format!("unknown item type `{name}`")))
    }
}

impl FromJson for Item {
    fn from_json(json: &Json) -> Result<Item, JsonError> {
        let mut r = Reader::new(json)?;
        let kind = r.required::<ItemType>("type");
        let item = Item {
            id: r.string("id"),
            kind: kind.unwrap_or(ItemType::Text),
            text: r.text("text"),
            help: r.optional("help"),
            optional: r.flag("optional"),
            scale: r.optional("scale"),
            options: r.list("options"),
            min: r.optional("min"),
            max: r.optional("max"),
            min_label: r.optional("min_label"),
            max_label: r.optional("max_label"),
            rows: r.list("rows"),
            columns: r.list("columns"),
            reverse: r.flag("reverse"),
            weight: r.optional("weight"),
            show_if: r.optional("show_if"),
        };
        r.finish().map(|()| item)
    }
}

impl FromJson for MatrixRow {
    fn from_json(json: &Json) -> Result<MatrixRow, JsonError> {
        let mut r = Reader::new(json)?;
        let row = MatrixRow { key: r.string("key"), label: r.text("label") };
        r.finish().map(|()| row)
    }
}

impl FromJson for Condition {
    fn from_json(json: &Json) -> Result<Condition, JsonError> {
        let mut r = Reader::new(json)?;
        let condition = Condition {
            item: r.optional("item"),
            score: r.optional("score"),
            any_of: r.list("any_of"),
            at_least: r.optional("at_least"),
            at_most: r.optional("at_most"),
        };
        r.finish().map(|()| condition)
    }
}

impl FromJson for Method {
    fn from_json(json: &Json) -> Result<Method, JsonError> {
        one_of(
            json,
            &[
                ("value", Method::Value),
                ("sum", Method::Sum),
                ("mean", Method::Mean),
                ("lowest", Method::Lowest),
                ("count", Method::Count),
                ("weighted", Method::Weighted),
                ("total", Method::Total),
            ],
        )
    }
}

impl FromJson for Score {
    fn from_json(json: &Json) -> Result<Score, JsonError> {
        let mut r = Reader::new(json)?;
        let method = r.required::<Method>("method");
        let score = Score {
            id: r.string("id"),
            label: r.text("label"),
            theme: r.optional("theme"),
            method: method.unwrap_or(Method::Value),
            items: r.list("items"),
            section: r.optional("section"),
            scores: r.list("scores"),
            column: r.optional("column"),
            weight_by: r.optional("weight_by"),
            weights: r.map("weights"),
            lookup: r.list("lookup"),
            rescale: r.flag("rescale"),
            min_answered: r.optional("min_answered"),
            bands: r.optional("bands"),
            advice: r.map("advice"),
            // Read only where `serde` is on: the report app (it compares versions), the console
            // and the server. The scan, built without it, uses neither field, and carrying them
            // cost it about 950 bytes gzipped of its budget. It keeps a definition as the
            // text the server sent, which the report app then reads in full.
            #[cfg(feature = "serde")]
            employer_advice: r.map("employer_advice"),
            #[cfg(not(feature = "serde"))]
            employer_advice: BTreeMap::new(),
            #[cfg(feature = "serde")]
            comparable_with: r.list("comparable_with"),
            #[cfg(not(feature = "serde"))]
            comparable_with: Vec::new(),
            headline: r.flag("headline"),
            note: r.optional("note"),
            hidden: r.flag("hidden"),
            expert_only: r.flag("expert_only"),
        };
        r.finish().map(|()| score)
    }
}

impl FromJson for LookupRow {
    fn from_json(json: &Json) -> Result<LookupRow, JsonError> {
        let mut r = Reader::new(json)?;
        let row = LookupRow { from: r.number("from"), points: r.number("points") };
        r.finish().map(|()| row)
    }
}

impl FromJson for BandSet {
    fn from_json(json: &Json) -> Result<BandSet, JsonError> {
        let mut r = Reader::new(json)?;
        let levels = r.required("levels");
        r.finish()?;
        Ok(BandSet { levels: present(levels)? })
    }
}

impl FromJson for Signal {
    fn from_json(json: &Json) -> Result<Signal, JsonError> {
        one_of(json, &[("good", Signal::Good), ("watch", Signal::Watch), ("attention", Signal::Attention)])
    }
}

impl FromJson for Band {
    fn from_json(json: &Json) -> Result<Band, JsonError> {
        let mut r = Reader::new(json)?;
        let signal = r.required::<Signal>("signal");
        let band = Band {
            key: r.string("key"),
            from: r.number("from"),
            signal: signal.unwrap_or(Signal::Good),
            label: r.text("label"),
            explanation: r.text("explanation"),
            advice: r.text("advice"),
            goal: r.optional("goal"),
        };
        r.finish().map(|()| band)
    }
}

impl FromJson for Flag {
    fn from_json(json: &Json) -> Result<Flag, JsonError> {
        let mut r = Reader::new(json)?;
        let when = r.required::<Condition>("when");
        let flag = Flag { id: r.string("id"), when: when.unwrap_or_default(), text: r.text("text") };
        r.finish().map(|()| flag)
    }
}

impl FromJson for CatalogueEntry {
    fn from_json(json: &Json) -> Result<CatalogueEntry, JsonError> {
        let mut r = Reader::new(json)?;
        let title = r.required::<Text>("title");
        let description = r.required::<Text>("description");
        let minutes = r.required::<u32>("minutes");
        let items = r.required::<usize>("items");
        let entry = CatalogueEntry {
            id: r.string("id"),
            version: r.string("version"),
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            minutes: minutes.unwrap_or(0),
            items: items.unwrap_or(0),
            content_hash: r.string("content_hash"),
        };
        r.finish().map(|()| entry)
    }
}

impl FromJson for QuestionnaireRef {
    fn from_json(json: &Json) -> Result<QuestionnaireRef, JsonError> {
        let mut r = Reader::new(json)?;
        let reference = QuestionnaireRef {
            id: r.string("id"),
            version: r.string("version"),
            content_hash: r.string("content_hash"),
        };
        r.finish().map(|()| reference)
    }
}

impl ToJson for QuestionnaireRef {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("id".into(), self.id.to_json()),
            ("version".into(), self.version.to_json()),
            ("content_hash".into(), self.content_hash.to_json()),
        ])
    }
}

impl FromJson for PublicCampaign {
    fn from_json(json: &Json) -> Result<PublicCampaign, JsonError> {
        let mut r = Reader::new(json)?;
        let questionnaire = r.required::<QuestionnaireRef>("questionnaire");
        let departments = r.required::<Vec<String>>("departments");
        let open = r.required::<bool>("open");
        let experts = r.required::<Vec<String>>("experts");
        let min_group_size = r.required::<i64>("min_group_size");
        let code = r.string("code");
        let name = r.string("name");
        let organisation = r.string("organisation");
        let starts_on = r.string("starts_on");
        let ends_on = r.string("ends_on");
        let delete_after = r.string("delete_after");
        // Campaigns kept on a phone before the consent named the controller have none of these.
        let controller = r.string_or_empty("controller");
        let controller_contact = r.optional("controller_contact");
        let privacy_officer = r.optional("privacy_officer");
        let privacy_officer_contact = r.optional("privacy_officer_contact");
        // Campaigns kept on a phone before personal invitations had an open link.
        let personal = r.optional::<bool>("personal").unwrap_or(false);
        r.finish()?;
        Ok(PublicCampaign {
            code,
            name,
            organisation,
            questionnaire: present(questionnaire)?,
            departments: present(departments)?,
            open: present(open)?,
            starts_on,
            ends_on,
            delete_after,
            experts: present(experts)?,
            min_group_size: present(min_group_size)?,
            controller,
            controller_contact,
            privacy_officer,
            privacy_officer_contact,
            personal,
        })
    }
}

impl ToJson for PublicCampaign {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("code".into(), self.code.to_json()),
            ("name".into(), self.name.to_json()),
            ("organisation".into(), self.organisation.to_json()),
            ("questionnaire".into(), self.questionnaire.to_json()),
            ("departments".into(), self.departments.to_json()),
            ("open".into(), Json::Bool(self.open)),
            ("starts_on".into(), self.starts_on.to_json()),
            ("ends_on".into(), self.ends_on.to_json()),
            ("delete_after".into(), self.delete_after.to_json()),
            ("experts".into(), self.experts.to_json()),
            ("min_group_size".into(), Json::int(self.min_group_size)),
            ("controller".into(), self.controller.to_json()),
            ("controller_contact".into(), self.controller_contact.to_json()),
            ("privacy_officer".into(), self.privacy_officer.to_json()),
            ("privacy_officer_contact".into(), self.privacy_officer_contact.to_json()),
            ("personal".into(), Json::Bool(self.personal)),
        ])
    }
}

impl FromJson for AnswerValue {
    fn from_json(json: &Json) -> Result<AnswerValue, JsonError> {
        match json {
            Json::Null => Ok(AnswerValue::Declined),
            Json::Number(_) => json.as_i64().map(AnswerValue::Number),
            Json::String(text) => Ok(AnswerValue::Text(text.clone())),
            Json::Array(_) => list(json, String::from_json).map(AnswerValue::List),
            Json::Object(_) => map(json, String::from_json).map(AnswerValue::Grid),
            Json::Bool(_) => Err(JsonError::new("", "not an answer")),
        }
    }
}

impl ToJson for AnswerValue {
    fn to_json(&self) -> Json {
        match self {
            AnswerValue::Declined => Json::Null,
            AnswerValue::Number(number) => Json::int(*number),
            AnswerValue::Text(text) => Json::String(text.clone()),
            AnswerValue::List(keys) => keys.to_json(),
            AnswerValue::Grid(grid) => grid.to_json(),
        }
    }
}
