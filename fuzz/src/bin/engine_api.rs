//! The engine's one entry point, `api::eval(rules, tool, json)`, with inputs grown from the worked
//! examples: values replaced by tricky scalars, keys dropped or added, nesting, and raw JSON
//! byte mutations. Every answer must be valid JSON; nothing may panic.
use af_engine::load::from_toml_files;
use afsite_fuzz::{args, mutate_bytes, run, toml_files, Rng, TRICKY};
use serde_json::{json, Map, Value};

fn seeds() -> Vec<(String, Value)> {
    let mut seeds = Vec::new();
    for (_, text) in toml_files("content/rules/examples") {
        let Ok(doc) = toml::from_str::<toml::Value>(&text) else {
            continue;
        };
        for example in doc
            .get("example")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            let tool = example
                .get("tool")
                .and_then(|t| t.as_str())
                .unwrap_or("")
                .to_string();
            let input = example
                .get("input")
                .cloned()
                .unwrap_or(toml::Value::Table(Default::default()));
            if let Ok(input) = serde_json::to_value(input) {
                seeds.push((tool, input));
            }
        }
    }
    assert!(!seeds.is_empty(), "no worked examples found");
    seeds
}

fn scalar(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(f64::from_bits(rng.next())).clone(),
        4 => json!([1e-7, 5e-324, -0.0, 1e308, 0.1, 12000000001.0][rng.below(6)]),
        _ => json!(*rng.pick(TRICKY)),
    }
}

fn mutate(rng: &mut Rng, value: &mut Value, depth: usize) {
    match value {
        Value::Object(map) if !map.is_empty() && rng.below(4) != 0 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(5) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(format!("{key}_x"), scalar(rng));
                }
                _ => mutate(rng, map.get_mut(&key).expect("key"), depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() && rng.below(4) != 0 => {
            let i = rng.below(items.len());
            match rng.below(4) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    for _ in 0..rng.below(40) {
                        items.push(copy.clone());
                    }
                }
                _ => mutate(rng, &mut items[i], depth + 1),
            }
        }
        _ if depth < 3 && rng.below(8) == 0 => {
            let mut map = Map::new();
            map.insert("x".into(), scalar(rng));
            *value = if rng.below(2) == 0 {
                Value::Object(map)
            } else {
                json!([scalar(rng)])
            };
        }
        _ => *value = scalar(rng),
    }
}

fn main() {
    let (count, seed) = args();
    let rules = from_toml_files(&toml_files("content/rules")).expect("bundled rules load");
    let seeds = seeds();
    let tools: Vec<String> = seeds
        .iter()
        .map(|(t, _)| t.clone())
        .chain(["".into(), "nope".into()])
        .collect();
    run(
        "engine_api",
        count,
        seed,
        |rng| {
            let (tool, input) = rng.pick(&seeds).clone();
            let tool = if rng.below(50) == 0 {
                rng.pick(&tools).clone()
            } else {
                tool
            };
            let mut input = input;
            for _ in 0..=rng.below(3) {
                mutate(rng, &mut input, 0);
            }
            let text = input.to_string();
            let text = if rng.below(10) == 0 {
                mutate_bytes(rng, &text)
            } else {
                text
            };
            (tool, text)
        },
        |(tool, input)| {
            let out = af_engine::api::eval(&rules, tool, input);
            assert!(
                serde_json::from_str::<Value>(&out).is_ok(),
                "not JSON: {out}"
            );
        },
    );
}
