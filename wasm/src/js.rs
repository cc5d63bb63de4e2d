//! JS values ↔ the engine's `serde_json::Value`, walked directly (no JSON text in between).
//!
//! The conversion follows `JSON.stringify` then `JSON.parse`, so `run` answers exactly as `eval`
//! on the stringified input: `undefined` and functions are left out of objects (and are `null`
//! in arrays), non-finite numbers are `null`, whole numbers are integers.
use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// The JSON value of a JS value; `None` when it nests deeper than the engine accepts (a cycle
/// also ends there).
pub fn to_json(value: &JsValue) -> Option<Value> {
    convert(value, af_engine::api::MAX_INPUT_DEPTH).map(|v| v.unwrap_or(Value::Null))
}

/// `Some(None)`: a value `JSON.stringify` leaves out (undefined, function, symbol).
fn convert(value: &JsValue, depth: usize) -> Option<Option<Value>> {
    if let Some(text) = value.as_string() {
        return Some(Some(Value::String(text)));
    }
    if let Some(n) = value.as_f64() {
        return Some(Some(number(n).unwrap_or(Value::Null)));
    }
    if let Some(b) = value.as_bool() {
        return Some(Some(Value::Bool(b)));
    }
    if value.is_null() {
        return Some(Some(Value::Null));
    }
    if !value.is_object() {
        return Some(None);
    }
    let depth = depth.checked_sub(1)?;
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            items.push(convert(&item, depth)?.unwrap_or(Value::Null));
        }
        return Some(Some(Value::Array(items)));
    }
    let object: &Object = value.unchecked_ref();
    let mut map = Map::new();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if let Some(v) = convert(&item, depth)? {
            map.insert(name, v);
        }
    }
    Some(Some(Value::Object(map)))
}

/// A JS number as JSON: whole numbers within the safe range are integers (as `JSON.parse`
/// would give for their text), others are floats; NaN and ±∞ are `None` (`null`).
pub fn number(n: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if !n.is_finite() {
        return None;
    }
    if n.fract() == 0.0 && n.abs() <= SAFE {
        // In range and whole: the casts are exact.
        #[allow(clippy::cast_possible_truncation)]
        let whole = n as i64;
        return Some(Value::Number(Number::from(whole)));
    }
    Number::from_f64(n).map(Value::Number)
}

/// A JS value of the engine's answer: plain objects, arrays, strings, numbers, booleans, null.
pub fn from_json(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(from_json).collect::<Array>().into(),
        Value::Object(map) => {
            let object = Object::new();
            for (key, item) in map {
                // Setting a property on a fresh plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &from_json(item));
            }
            object.into()
        }
    }
}
