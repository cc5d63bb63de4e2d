//! Pure logic of the tool pages, testable natively: turning the form's fields into the tool's
//! input JSON (by engine input paths), the versioned URL-fragment state, and CSV text.
//!
//! Nothing here touches the DOM; `dom.rs` reads the fields and hands them over.
use serde_json::{Map, Value};

/// Version tag of the state kept in the URL fragment (`#v1=…`) and on this device.
pub const STATE_VERSION: &str = "v1";

/// What kind of value an input holds, from its `type` and `data-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text or Korean money text, sent as typed (empty → left out).
    Text,
    /// A number: sent as a JSON number when it reads as one; otherwise a local error.
    Number,
    /// A radio group: the checked value (none → left out).
    Choice,
    /// Checkboxes sharing a name: the array of checked values (always sent, maybe empty).
    List,
    /// A single checkbox with `data-type="bool"`: `true` / `false`.
    Bool,
}

/// The value of one field as the visitor left it (not yet converted for the engine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    One(String),
    Many(Vec<String>),
}

/// One named field of a form, gathered from the DOM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The engine input path (`role`, `answers.closed`, `years[0].company_cash`).
    pub name: String,
    pub kind: FieldKind,
    pub raw: Raw,
    /// Left out of the input (inside a switched-off `data-show-if` part of the form).
    pub off: bool,
}

/// A message for one field, from the engine (`field_errors`) or from the page itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// One segment of an input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Splits `years[0].items[2].item` into keys and indexes; `None` for a malformed path.
pub fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        out.push(Segment::Key(key.to_string()));
        while !rest.is_empty() {
            let close = rest.find(']')?;
            let index = rest.get(1..close)?.parse::<usize>().ok()?;
            // A path index beyond what a form can hold is a page bug, not an allocation.
            if index > 999 || !rest.starts_with('[') {
                return None;
            }
            out.push(Segment::Index(index));
            rest = &rest[close + 1..];
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Puts `value` at `path` inside `root`, creating objects and arrays (padded with `null`) on the
/// way. A path that clashes with what is already there (a key under an array) is ignored.
fn insert(root: &mut Value, path: &[Segment], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *root = value;
        return;
    };
    match first {
        Segment::Key(key) => {
            if !root.is_object() {
                if !root.is_null() {
                    return;
                }
                *root = Value::Object(Map::new());
            }
            if let Value::Object(map) = root {
                insert(map.entry(key.clone()).or_insert(Value::Null), rest, value);
            }
        }
        Segment::Index(index) => {
            if !root.is_array() {
                if !root.is_null() {
                    return;
                }
                *root = Value::Array(Vec::new());
            }
            if let Value::Array(items) = root {
                if items.len() <= *index {
                    items.resize(index + 1, Value::Null);
                }
                if let Some(slot) = items.get_mut(*index) {
                    insert(slot, rest, value);
                }
            }
        }
    }
}

/// Reads a number field: `"10"`, `" 1,234 "`, `"12.5"`. `None` when it is not a number.
pub fn read_number(text: &str) -> Option<Value> {
    let t: String = text.trim().chars().filter(|c| *c != ',').collect();
    if t.is_empty() {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::from(i));
    }
    let f = t.parse::<f64>().ok().filter(|f| f.is_finite())?;
    serde_json::Number::from_f64(f).map(Value::Number)
}

/// Builds the tool's input JSON from the fields, and the page's own errors (a number field that
/// is not a number). Empty text, unanswered radios and switched-off fields are left out; arrays
/// lose trailing empty entries, so a second year left blank is not sent.
pub fn collect(fields: &[Field]) -> (Value, Vec<FieldError>) {
    let mut root = Value::Object(Map::new());
    let mut errors = Vec::new();
    for field in fields.iter().filter(|f| !f.off) {
        let value = match (&field.kind, &field.raw) {
            (FieldKind::List, Raw::Many(values)) => Some(Value::from(values.clone())),
            (FieldKind::List, Raw::One(v)) if v.is_empty() => Some(Value::Array(Vec::new())),
            (FieldKind::List, Raw::One(v)) => Some(Value::from(vec![v.clone()])),
            (FieldKind::Bool, raw) => {
                Some(Value::Bool(matches!(raw, Raw::One(v) if !v.is_empty())))
            }
            (_, Raw::Many(_)) => None,
            (_, Raw::One(v)) if v.trim().is_empty() => None,
            (FieldKind::Number, Raw::One(v)) => match read_number(v) {
                Some(n) => Some(n),
                None => {
                    errors.push(FieldError {
                        field: field.name.clone(),
                        message: "숫자만 입력해 주세요(예: 10).".to_string(),
                    });
                    None
                }
            },
            (_, Raw::One(v)) => Some(Value::String(v.clone())),
        };
        if let (Some(value), Some(path)) = (value, parse_path(&field.name)) {
            insert(&mut root, &path, value);
        }
    }
    prune(&mut root);
    (root, errors)
}

/// Drops trailing `null` / `{}` entries of every array (a blank second year or item row).
fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(prune),
        Value::Array(items) => {
            items.iter_mut().for_each(prune);
            while items
                .last()
                .is_some_and(|v| v.is_null() || v.as_object().is_some_and(Map::is_empty))
            {
                items.pop();
            }
            // A blank row between filled ones (row 2 of 3 left empty) goes as `{}`, not `null`:
            // the engine then names the missing fields of that row, and the page shows the
            // messages at the row's inputs instead of a type error no field can carry.
            if items.iter().any(Value::is_object) {
                for item in items.iter_mut().filter(|v| v.is_null()) {
                    *item = Value::Object(Map::new());
                }
            }
        }
        _ => {}
    }
}

/// The state to keep (URL fragment, this device): every field with something in it, as typed,
/// including switched-off parts (switching back brings them back).
pub fn snapshot(fields: &[Field]) -> Value {
    let mut map = Map::new();
    for field in fields {
        match &field.raw {
            Raw::One(v) if !v.is_empty() => {
                map.insert(field.name.clone(), Value::String(v.clone()));
            }
            Raw::Many(values) if !values.is_empty() => {
                map.insert(field.name.clone(), Value::from(values.clone()));
            }
            _ => {}
        }
    }
    Value::Object(map)
}

/// The kept value of one field in a snapshot.
pub fn kept(snapshot: &Value, name: &str) -> Option<Raw> {
    match snapshot.get(name)? {
        Value::String(s) => Some(Raw::One(s.clone())),
        Value::Array(items) => Some(Raw::Many(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        )),
        _ => None,
    }
}

/// `v1=<base64url(JSON)>`, the fragment (without `#`) that holds a snapshot.
pub fn encode_fragment(snapshot: &Value) -> String {
    format!(
        "{STATE_VERSION}={}",
        base64url_encode(snapshot.to_string().as_bytes())
    )
}

/// Reads a fragment (with or without `#`) written by [`encode_fragment`]. `None` when it is not
/// a state fragment (an ordinary `#anchor`), an unknown version, or damaged.
pub fn decode_fragment(fragment: &str) -> Option<Value> {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = body.strip_prefix(STATE_VERSION)?.strip_prefix('=')?;
    decode_snapshot(&String::from_utf8(base64url_decode(data)?).ok()?)
}

/// Reads a snapshot's JSON (as kept on this device); only a JSON object is a snapshot.
pub fn decode_snapshot(json: &str) -> Option<Value> {
    let value: Value = serde_json::from_str(json).ok()?;
    value.is_object().then_some(value)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url (padding and standard `+/` tolerated); `None` on any other character.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// CSV text for a spreadsheet: UTF-8 BOM (so Excel reads Korean), CRLF line ends, quoted cells,
/// and formula-like cells (`=`, `+`, `@`) neutralised with a leading apostrophe.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(cell: &str) -> String {
    let guarded = if cell.starts_with(['=', '+', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Strips the engine's `field: ` prefix from a field error's message (the page shows the message
/// next to the field, whose label says which one).
pub fn field_message(field: &str, message: &str) -> String {
    message
        .strip_prefix(field)
        .and_then(|m| m.strip_prefix(": "))
        .unwrap_or(message)
        .to_string()
}

/// The `field_errors` of a failed engine answer.
pub fn engine_errors(envelope: &Value) -> Vec<FieldError> {
    let error = envelope.get("error");
    let list = error
        .and_then(|e| e.get("field_errors"))
        .and_then(Value::as_array);
    let mut out: Vec<FieldError> = list
        .into_iter()
        .flatten()
        .map(|e| {
            let field = e.get("field").and_then(Value::as_str).unwrap_or_default();
            let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
            FieldError {
                field: field.to_string(),
                message: field_message(field, message),
            }
        })
        .collect();
    if out.is_empty() {
        if let Some(message) = error.and_then(|e| e.get("message")).and_then(Value::as_str) {
            out.push(FieldError {
                field: String::new(),
                message: message.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, kind: FieldKind, raw: &str) -> Field {
        Field {
            name: name.into(),
            kind,
            raw: Raw::One(raw.into()),
            off: false,
        }
    }

    #[test]
    fn paths_parse_into_keys_and_indexes() {
        assert_eq!(
            parse_path("years[0].items[12].item"),
            Some(vec![
                Segment::Key("years".into()),
                Segment::Index(0),
                Segment::Key("items".into()),
                Segment::Index(12),
                Segment::Key("item".into()),
            ])
        );
        for bad in ["", ".a", "a..b", "a[x]", "a[1", "[0]", "a[1]b", "a[100000]"] {
            assert_eq!(parse_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_blank_row_between_filled_rows_is_sent_as_an_empty_object() {
        let fields = [
            field("rows[0].id", FieldKind::Text, "a"),
            field("rows[2].id", FieldKind::Text, "c"),
        ];
        let (input, errors) = collect(&fields);
        assert!(errors.is_empty());
        assert_eq!(input, json!({ "rows": [{ "id": "a" }, {}, { "id": "c" }] }));
    }

    #[test]
    fn collect_builds_nested_input_and_leaves_out_empty_and_off_fields() {
        let mut off = field("answers.planning_staff", FieldKind::Number, "3");
        off.off = true;
        let fields = vec![
            field("role", FieldKind::Choice, "adopter"),
            field("answers.closed", FieldKind::Choice, "no"),
            field("answers.excluded_industry", FieldKind::Choice, ""),
            field("answers.planning_track_record", FieldKind::Number, "1,0"),
            off,
            field("years[0].government", FieldKind::Text, "3억"),
            field("years[0].company_cash", FieldKind::Text, " "),
            field("years[1].government", FieldKind::Text, ""),
            Field {
                name: "problems".into(),
                kind: FieldKind::List,
                raw: Raw::Many(vec!["a".into(), "b".into()]),
                off: false,
            },
            field("flag", FieldKind::Bool, ""),
        ];
        let (input, errors) = collect(&fields);
        assert!(errors.is_empty());
        assert_eq!(
            input,
            json!({
                "role": "adopter",
                "answers": { "closed": "no", "planning_track_record": 10 },
                "years": [{ "government": "3억" }],
                "problems": ["a", "b"],
                "flag": false
            })
        );
    }

    #[test]
    fn a_number_field_that_is_not_a_number_is_a_local_error() {
        let (input, errors) = collect(&[field("answers.n", FieldKind::Number, "열 건")]);
        assert_eq!(input, json!({}));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "answers.n");
        assert_eq!(read_number(" 12.5 "), Some(json!(12.5)));
        assert_eq!(read_number("-3"), Some(json!(-3)));
        assert_eq!(read_number("1e999"), None);
    }

    #[test]
    fn fragment_round_trips_korean_text_and_lists() {
        let fields = vec![
            field("years[0].government", FieldKind::Text, "3억 5천만원"),
            field("role", FieldKind::Choice, ""),
            Field {
                name: "problems".into(),
                kind: FieldKind::List,
                raw: Raw::Many(vec!["data_silos".into()]),
                off: true,
            },
        ];
        let snap = snapshot(&fields);
        assert_eq!(
            snap,
            json!({"years[0].government": "3억 5천만원", "problems": ["data_silos"]})
        );
        let fragment = encode_fragment(&snap);
        assert!(fragment.starts_with("v1="));
        assert!(fragment[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode_fragment(&format!("#{fragment}")), Some(snap.clone()));
        assert_eq!(
            kept(&snap, "years[0].government"),
            Some(Raw::One("3억 5천만원".into()))
        );
        assert_eq!(
            kept(&snap, "problems"),
            Some(Raw::Many(vec!["data_silos".into()]))
        );
        assert_eq!(kept(&snap, "role"), None);
    }

    #[test]
    fn other_fragments_are_not_state() {
        for other in [
            "",
            "#",
            "#what-it-does",
            "#v2=e30",
            "#v1=",
            "#v1=!!",
            "#v1=W10",
        ] {
            assert_eq!(decode_fragment(other), None, "{other}");
        }
        assert_eq!(decode_fragment("#v1=e30"), Some(json!({})));
    }

    #[test]
    fn base64url_matches_known_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), coded);
            assert_eq!(base64url_decode(coded), Some(plain.as_bytes().to_vec()));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8"), Some(vec![0xfb, 0xff]));
    }

    #[test]
    fn csv_has_bom_crlf_quotes_and_no_formulas() {
        let rows = vec![
            vec!["항목".to_string(), "금액, 원".to_string()],
            vec!["=SUM(A1)".to_string(), "say \"hi\"".to_string()],
            vec!["-2억".to_string(), "1,000".to_string()],
        ];
        assert_eq!(
            csv_text(&rows),
            "\u{feff}항목,\"금액, 원\"\r\n'=SUM(A1),\"say \"\"hi\"\"\"\r\n-2억,\"1,000\"\r\n"
        );
    }

    #[test]
    fn engine_errors_lose_the_path_prefix() {
        let env = json!({"ok": false, "error": {"code": "invalid_input", "message": "x",
            "field_errors": [{"field": "years[0].company_cash", "message": "years[0].company_cash: 금액으로 읽을 수 없습니다."}]}});
        assert_eq!(
            engine_errors(&env),
            vec![FieldError {
                field: "years[0].company_cash".into(),
                message: "금액으로 읽을 수 없습니다.".into()
            }]
        );
        let env = json!({"ok": false, "error": {"code": "rules_missing", "message": "규칙 없음"}});
        assert_eq!(engine_errors(&env)[0].field, "");
    }
}
